extension QRCode {
    /// A standalone SVG document: the viewBox is in modules and includes a 4-module
    /// quiet zone on a white background; the dark modules form one black `<path>`.
    /// No scripts, no external references, `shape-rendering="crispEdges"`.
    /// - Parameter moduleSize: Rendered width and height in pixels of one module (at least 1).
    public func svg(moduleSize: Int = 4) -> String {
        let quietZone = 4
        let side = size + 2 * quietZone
        let pixels = side * max(1, moduleSize)
        var path = ""
        for y in 0..<size {
            var x = 0
            while x < size {
                guard isDark(x: x, y: y) else { x += 1; continue }
                let start = x
                while isDark(x: x, y: y) { x += 1 }
                path += "M\(start + quietZone),\(y + quietZone)h\(x - start)v1h-\(x - start)z"
            }
        }
        return """
            <svg xmlns="http://www.w3.org/2000/svg" width="\(pixels)" height="\(pixels)" \
            viewBox="0 0 \(side) \(side)" shape-rendering="crispEdges">\
            <rect width="\(side)" height="\(side)" fill="#fff"/>\
            <path fill="#000" d="\(path)"/></svg>

            """
    }
}
