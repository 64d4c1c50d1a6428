// The MaxMind DB reader (Debian libmaxminddb-dev), for AuthGeoIP.
//
// Only the non-variadic API is usable from Swift: MMDB_open, MMDB_lookup_sockaddr,
// MMDB_aget_value (MMDB_get_value and MMDB_vget_value are C-variadic), MMDB_close.
#include <maxminddb.h>
