import AuthQRCode

extension TOTPEnrolment {
    /// The URI as a QR code, a standalone SVG image (drawn by `AuthQRCode`; the enrolment itself
    /// only carries the URI).
    public var qrCodeSVG: String {
        // A URI of an email (≤ 254 bytes) and a 32-character secret always fits a QR code.
        (try? QRCode(text: otpauthURI))?.svg() ?? ""
    }
}
