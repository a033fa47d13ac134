/// Lets a bounded number of password checks (bcrypt) run at once in this process; the others
/// wait their turn for a bounded time, or are not checked at all.
///
/// bcrypt is slow on purpose and runs on the shared blocking thread pool, where SQLite does its
/// work too. Unbounded, a burst of sign-ins would pile checks up there without end, and every
/// request, sign-in or not, would wait behind them until database connections time out. A
/// check that cannot start in time is not started: the sign-in is answered 503 with
/// Retry-After, and nothing is counted against the account.
actor PasswordCheckGate {
    private struct Waiter {
        let ticket: Int
        let continuation: CheckedContinuation<Bool, Never>
    }

    private var running = 0
    private var waiting: [Waiter] = []
    private var lastTicket = 0

    /// Runs `check` once fewer than `capacity` checks are running, waiting at most
    /// `maximumWait` for that; nil when no place became free in time.
    func run<T: Sendable>(capacity: Int, maximumWait: Duration, _ check: @Sendable () async throws -> T) async throws -> T? {
        guard await enter(capacity: max(1, capacity), maximumWait: maximumWait) else { return nil }
        defer { leave() }
        return try await check()
    }

    private func enter(capacity: Int, maximumWait: Duration) async -> Bool {
        if running < capacity {
            running += 1
            return true
        }
        guard maximumWait > .zero else { return false }
        lastTicket += 1
        let ticket = lastTicket
        // Gives up the wait when the time is over, unless a place was handed over first.
        let timer = Task.detached { [weak self] in
            do { try await Task.sleep(for: maximumWait) } catch { return }
            await self?.expire(ticket)
        }
        defer { timer.cancel() }
        return await withCheckedContinuation { continuation in
            waiting.append(Waiter(ticket: ticket, continuation: continuation))
        }
    }

    private func expire(_ ticket: Int) {
        guard let index = waiting.firstIndex(where: { $0.ticket == ticket }) else { return }
        waiting.remove(at: index).continuation.resume(returning: false)
    }

    /// Hands the place to the check that has waited longest, or frees it.
    private func leave() {
        if waiting.isEmpty {
            running -= 1
        } else {
            waiting.removeFirst().continuation.resume(returning: true)
        }
    }
}
