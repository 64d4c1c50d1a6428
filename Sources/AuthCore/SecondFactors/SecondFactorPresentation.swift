/// How a second-factor method presents itself to a person: what the pages call it and how its
/// answer is given. The pages of AuthWeb render the second step and the account page's list of
/// factors from these, so a new method shows up there without a line of the pages changed
/// (docs/architecture.md, "Where to make a change").
///
/// Words only, no transport: which route enrols or removes a method is the business of the feature
/// that serves it.
public struct SecondFactorPresentation: Hashable, Sendable {
    /// How the person answers the method's challenge.
    public enum Prompt: Hashable, Sendable {
        /// A code typed into the second step's form (an authenticator app, a recovery code, a
        /// mailed code).
        case typedCode
        /// A WebAuthn ceremony the browser runs (a passkey): a button, not a form field.
        case webAuthn
    }

    /// The method's name for people, as the second step's method list shows it
    /// ("Authenticator app").
    public var label: String
    /// How the challenge is answered.
    public var prompt: Prompt
    /// Where the code comes from, as the end of "Enter …" ("a code from your authenticator app");
    /// used for ``Prompt/typedCode`` methods.
    public var instruction: String
    /// Whether the second step offers this method when it does not know which methods the account
    /// has (after a wrong answer, or when only a WebAuthn method was offered): true for methods a
    /// person can always answer from something they hold (an app, a recovery code), false for one
    /// whose code exists only because the challenge sent it.
    public var offeredByDefault: Bool

    /// Creates a presentation.
    /// - Parameters:
    ///   - label: the name people see.
    ///   - prompt: how the challenge is answered (default: a typed code).
    ///   - instruction: where the code comes from; default "your <label> code", lower-cased.
    ///   - offeredByDefault: whether to offer the method when the account's methods are unknown.
    public init(label: String, prompt: Prompt = .typedCode, instruction: String? = nil, offeredByDefault: Bool = false) {
        self.label = label
        self.prompt = prompt
        self.instruction = instruction ?? "your \(label.lowercased()) code"
        self.offeredByDefault = offeredByDefault
    }
}
