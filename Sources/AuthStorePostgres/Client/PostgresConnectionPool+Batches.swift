import AuthCore

extension PostgresConnectionPool {
    /// How the purge deletes: rows per statement, and the statement timeout each batch runs under.
    struct BatchDeletion: Sendable {
        /// Rows per `DELETE` (default 5,000): small enough that a batch takes well under a second
        /// and holds its locks and WAL briefly, large enough that a backlog of millions takes minutes.
        var batchSize = 5_000
        /// `statement_timeout` of each batch, instead of the request timeout the pool sets
        /// (default 60 s). Maintenance is not a request: a backlog must not be unpurgeable because
        /// requests are held to a few seconds (docs/postgres.md, "Purge job").
        var statementTimeout: Duration = .seconds(60)
    }

    /// Runs `batch`, a `DELETE` of at most `deletion.batchSize` rows, again and again until it
    /// deletes fewer; each run in its own short transaction under `deletion.statementTimeout`.
    /// - Returns: how many rows were deleted in all.
    /// - Throws: what the failing batch threw (the batches before it stay deleted);
    ///   `CancellationError` between batches when the task is cancelled.
    func deleteInBatches(_ deletion: BatchDeletion = .init(), _ batch: (Int) -> PostgresQuery) async throws -> Int {
        // At least 1 ms: PostgreSQL reads 0 as "no timeout".
        let milliseconds = deletion.statementTimeout.ttlMilliseconds
        var total = 0
        while true {
            try Task.checkCancellation()
            let deleted = try await withTransaction { connection in
                try await connection.executeScript("SET LOCAL statement_timeout = \(milliseconds)")
                return try await connection.query(batch(deletion.batchSize)).affectedRows
            }
            total += deleted
            if deleted < deletion.batchSize { return total }
        }
    }
}
