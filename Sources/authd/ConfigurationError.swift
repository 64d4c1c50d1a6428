/// A bad setting: start-up stops with this one line on stderr and exit code 2.
struct ConfigurationError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
