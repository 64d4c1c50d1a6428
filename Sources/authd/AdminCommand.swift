import ArgumentParser
import AuthCore
import Foundation
import Logging

/// `authd admin grant|revoke|list`: the stored admin role in DATABASE_URL. (`ADMIN_EMAILS` names
/// admins by configuration beside it.) Takes effect at once on every instance: the role is read
/// on each admin request. Each change is written to the audit log.
struct AdminCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "admin", abstract: "Grant, revoke or list the admin role (needs DATABASE_URL).",
        subcommands: [Grant.self, Revoke.self, List.self])

    /// The stores of the configured database, or one line saying why not. Only `DATABASE_URL` is
    /// read: the role needs no secret, so an operator can run this with the database URL alone.
    static func stores(_ options: ConfigurationOptions) async throws -> any StoreBackend {
        LogSetup.bootstrap(level: .warning)
        return try await StartupFailure.guarding {
            let env = ProcessInfo.processInfo.environment
            guard let text = options.databaseURL ?? env["DATABASE_URL"].flatMap({ $0.isEmpty ? nil : $0 }) else {
                throw ConfigurationError("DATABASE_URL is required: roles in memory die with the process (use ADMIN_EMAILS there)")
            }
            let url = try DatabaseURL(text)
            return try await Adapters.backend("DATABASE_URL") {
                try await StoreBackends.connect(url, poolSize: 2, label: "authd.admin")
            }
        }
    }

    /// The account of `email`, or a one-line failure.
    static func account(_ email: String, in stores: any StoreBackend) async throws -> User {
        guard let address = try? EmailAddress(email) else { throw StartupFailure.exit("\"\(email.prefix(64))\" is not an email address") }
        guard let user = try await stores.users.user(email: address) else { throw StartupFailure.exit("no account has the address \(address)") }
        return user
    }

    static func record(_ kind: AuditEvent.Kind, _ user: User, in stores: any StoreBackend) async throws {
        try await stores.auditLog.record(AuditEvent(
            kind: kind, userID: user.id, email: user.email, client: ClientContext(clientName: "authd admin"), at: Date(),
            detail: "cli"))
    }

    struct Grant: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Give the admin role to the verified account of EMAIL.")
        @Argument(help: "The account's address.") var email: String
        @OptionGroup var options: ConfigurationOptions

        func run() async throws {
            let stores = try await AdminCommand.stores(options)
            defer { stores.shutdown() }
            let user = try await AdminCommand.account(email, in: stores)
            guard user.isEmailVerified else { throw StartupFailure.exit("\(user.email) is not verified: an unverified account cannot be an admin") }
            if try await stores.adminRoles.grant(user.id, at: Date()) {
                try await AdminCommand.record(.adminGranted, user, in: stores)
                print("\(user.email) is now an admin (it needs a second factor to use the dashboard).")
            } else {
                print("\(user.email) already is an admin.")
            }
        }
    }

    struct Revoke: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Take the admin role from the account of EMAIL.")
        @Argument(help: "The account's address.") var email: String
        @Flag(help: "Allow taking the role from the last holder (ADMIN_EMAILS may still name admins).") var allowLast = false
        @OptionGroup var options: ConfigurationOptions

        func run() async throws {
            let stores = try await AdminCommand.stores(options)
            defer { stores.shutdown() }
            let user = try await AdminCommand.account(email, in: stores)
            do {
                if try await stores.adminRoles.revoke(user.id, allowingLast: allowLast) {
                    try await AdminCommand.record(.adminRevoked, user, in: stores)
                    print("\(user.email) is no longer an admin.")
                } else {
                    print("\(user.email) was not an admin (an address in ADMIN_EMAILS stays one until it is removed there).")
                }
            } catch let error as AuthError where error.code == .conflict {
                throw StartupFailure.exit("\(user.email) is the last admin; grant the role to someone else first, or pass --allow-last")
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Print every account holding the stored admin role.")
        @OptionGroup var options: ConfigurationOptions

        func run() async throws {
            let stores = try await AdminCommand.stores(options)
            defer { stores.shutdown() }
            for id in try await stores.adminRoles.admins() {
                let email = try await stores.users.user(id: id)?.email.value ?? "(deleted)"
                print("\(id)  \(email)")
            }
        }
    }
}
