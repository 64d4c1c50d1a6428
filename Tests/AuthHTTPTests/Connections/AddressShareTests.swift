@testable import AuthHTTP
import AuthCore
import Testing

/// Whose connections count against one address's share of the cap.
@Suite struct AddressShareTests {
    let share = AddressShare(maximum: 10, exempt: IPNetwork("10.0.0.0/8").map { [$0] } ?? [])

    @Test func anIPv6SubscriberIsOneAddressWhateverItsLast64Bits() throws {
        let one = share.key(for: IPAddress("2001:db8:1:2::1"))
        let other = share.key(for: IPAddress("2001:db8:1:2:ffff::9"))
        #expect(one != nil && one == other)
        #expect(share.key(for: IPAddress("2001:db8:1:3::1")) != one)
    }

    @Test func trustedProxiesAndUnknownPeersAreNotCounted() {
        #expect(share.key(for: IPAddress("10.1.2.3")) == nil)
        #expect(share.key(for: nil) == nil)
        #expect(share.key(for: IPAddress("203.0.113.7")) == "203.0.113.7")
    }

    @Test func theDefaultShareIsHalfTheCapAndNeverNone() {
        #expect(AddressShare.defaultMaximum(ofCap: 20) == 10)
        #expect(AddressShare.defaultMaximum(ofCap: 1) == 1)
    }
}
