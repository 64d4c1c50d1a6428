import Logging

extension LogEvent {
    /// The metadata of this line as both log formats write it: the provider's, overridden by the
    /// handler's own (such as a request's `request_id`), overridden by the call's, plus the call's
    /// error as `error` when no metadata has that key.
    func mergedMetadata(handler: Logger.Metadata, provider: Logger.MetadataProvider?) -> Logger.Metadata {
        var merged = provider?.get() ?? [:]
        merged.merge(handler) { _, new in new }
        if let explicit = metadata { merged.merge(explicit) { _, new in new } }
        if let error, merged["error"] == nil { merged["error"] = "\(error)" }
        return merged
    }
}
