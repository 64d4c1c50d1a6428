@testable import AuthStorePostgres
import Testing

/// The pool's rules, without I/O: connections are plain integers.
@Suite struct ConnectionPoolStateMachineTests {
    typealias Machine = ConnectionPoolStateMachine<Int>

    @Test func opensUpToTheMaximumThenQueues() {
        var machine = Machine(maximum: 2)
        guard case .open = machine.lease(1), case .open = machine.lease(2) else { Issue.record("expected two opens"); return }
        guard case .wait = machine.lease(3) else { Issue.record("expected the third to wait"); return }
        #expect(machine.slotsInUse == 2)
        #expect(machine.waiters == [3])
    }

    @Test func aReturnedConnectionGoesToTheFirstWaiterElseIdle() {
        var machine = Machine(maximum: 1)
        _ = machine.lease(1)
        _ = machine.lease(2)
        _ = machine.lease(3)
        guard case .handOver(10, to: 2) = machine.release(10, reusable: true) else { Issue.record("expected hand-over to 2"); return }
        guard case .handOver(10, to: 3) = machine.release(10, reusable: true) else { Issue.record("expected hand-over to 3"); return }
        guard case .none = machine.release(10, reusable: true) else { Issue.record("expected parking"); return }
        #expect(machine.idle == [10])
        guard case .use(10) = machine.lease(4) else { Issue.record("expected the idle connection"); return }
    }

    @Test func idleConnectionsAreReusedMostRecentFirst() {
        var machine = Machine(maximum: 3)
        for id in 1...3 { _ = machine.lease(id) }
        for connection in [10, 20, 30] { _ = machine.release(connection, reusable: true) }
        guard case .use(30) = machine.lease(4) else { Issue.record("expected the most recent"); return }
        #expect(machine.slotsInUse == 3)
    }

    @Test func aBrokenConnectionFreesItsSlotOrPassesItToAWaiter() {
        var machine = Machine(maximum: 1)
        _ = machine.lease(1)
        _ = machine.lease(2)
        guard case .openFor(2) = machine.release(10, reusable: false) else { Issue.record("expected open for 2"); return }
        #expect(machine.slotsInUse == 1)
        guard case .none = machine.slotFreed() else { Issue.record("expected nothing"); return }
        #expect(machine.slotsInUse == 0)
        guard case .open = machine.lease(3) else { Issue.record("expected a new slot"); return }
    }

    @Test func aFailedOpenCascadesToTheNextWaiterSoNobodyHangs() {
        var machine = Machine(maximum: 1)
        _ = machine.lease(1)
        _ = machine.lease(2)
        _ = machine.lease(3)
        guard case .openFor(2) = machine.slotFreed(), case .openFor(3) = machine.slotFreed(),
              case .none = machine.slotFreed() else { Issue.record("expected a cascade"); return }
        #expect(machine.slotsInUse == 0)
    }

    @Test func cancelledWaitersAreSkipped() {
        var machine = Machine(maximum: 1)
        _ = machine.lease(1)
        _ = machine.lease(2)
        _ = machine.lease(3)
        let first = machine.cancel(2), second = machine.cancel(2)
        #expect(first)
        #expect(!second)
        guard case .handOver(10, to: 3) = machine.release(10, reusable: true) else { Issue.record("expected 3"); return }
    }

    @Test func shutdownClosesIdleFailsWaitersAndRefusesLeases() {
        var machine = Machine(maximum: 2)
        _ = machine.lease(1)
        _ = machine.lease(2)
        _ = machine.release(10, reusable: true)
        _ = machine.lease(3)  // takes 10
        _ = machine.lease(4)  // waits
        _ = machine.release(10, reusable: true)  // to 4
        _ = machine.release(20, reusable: true)  // idle
        _ = machine.lease(5)
        _ = machine.lease(6)  // waits (10 is with 4, 20 with 5)
        let (close, fail) = machine.shutdown()
        #expect(close.isEmpty)
        #expect(fail == [6])
        guard case .fail = machine.lease(7) else { Issue.record("expected refusal"); return }
        guard case .close(10) = machine.release(10, reusable: true) else { Issue.record("expected close"); return }
        guard case .none = machine.release(20, reusable: false) else { Issue.record("expected none"); return }
        #expect(machine.slotsInUse == 0)
    }

    @Test func retiringIdleConnectionsFreesTheirSlotsAndKeepsTheRest() {
        var machine = Machine(maximum: 3)
        let start = ContinuousClock.now
        for id in 1...3 { _ = machine.lease(id) }
        _ = machine.release(10, reusable: true, at: start)
        _ = machine.release(20, reusable: true, at: start + .seconds(10))
        _ = machine.release(30, reusable: true, at: start + .seconds(20))
        let retired = machine.retire { _, since in since < start + .seconds(15) }
        #expect(retired == [10, 20])
        #expect(machine.idle == [30])
        #expect(machine.slotsInUse == 1)
        guard case .use(30) = machine.lease(4) else { Issue.record("expected the kept connection"); return }
        guard case .open = machine.lease(5) else { Issue.record("expected a freed slot"); return }
    }
}
