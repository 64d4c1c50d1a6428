import AuthCore
import Testing
@testable import AuthGeoIP

/// The two-generation cache: bounded, and recently used entries survive eviction.
struct LocationCacheTests {
    static func address(_ index: Int) -> IPAddress {
        IPAddress("81.2.\(index / 256).\(index % 256)")!
    }

    @Test func storesAndReturnsAnswers() {
        var cache = LocationCache(capacity: 10)
        #expect(cache.value(for: Self.address(1)) == nil)
        cache.insert("London", for: Self.address(1))
        cache.insert("", for: Self.address(2)) // unknown addresses are cached too
        #expect(cache.value(for: Self.address(1)) == "London")
        #expect(cache.value(for: Self.address(2)) == "")
        #expect(cache.count == 2)
    }

    @Test func neverHoldsMoreThanItsCapacity() {
        var cache = LocationCache(capacity: 100)
        for index in 0..<5_000 {
            cache.insert("\(index)", for: Self.address(index))
            #expect(cache.count <= 100)
        }
        #expect(cache.value(for: Self.address(4_999)) == "4999")
        #expect(cache.value(for: Self.address(0)) == nil)
    }

    @Test func recentlyUsedEntriesSurviveAStreamOfNewOnes() {
        var cache = LocationCache(capacity: 10)
        cache.insert("hot", for: Self.address(0))
        for index in 1...100 {
            cache.insert("\(index)", for: Self.address(index))
            #expect(cache.value(for: Self.address(0)) == "hot")
        }
        #expect(cache.count <= 10)
    }

    @Test func zeroCapacityCachesNothing() {
        var cache = LocationCache(capacity: 0)
        cache.insert("London", for: Self.address(1))
        #expect(cache.value(for: Self.address(1)) == nil)
        #expect(cache.count == 0)
    }
}
