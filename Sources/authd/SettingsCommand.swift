import ArgumentParser

/// `authd settings`: prints a list of the settings as the documents show it, so that
/// `scripts/settings-docs.sh` can rewrite them and a test can check they match (not shown in help).
struct SettingsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "settings",
        abstract: "Print the settings table of docs/configuration.md or of the README.",
        shouldDisplay: false
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case reference, readme
    }

    @Option(help: "reference (docs/configuration.md) or readme.")
    var format: Format = .reference

    func run() {
        switch format {
        case .reference: print(Setting.referenceTable)
        case .readme: print(Setting.readmeTable)
        }
    }
}
