// Package sqlite links the pure-Go SQLite driver (modernc.org/sqlite,
// database/sql name "sqlite") into a program for [github.com/letterbox-mail/letterbox/userdb.NewSQL] with
// Driver "sqlite". Import it for its side effect:
//
//	import _ "github.com/letterbox-mail/letterbox/userdb/sqlite"
//
// Package userdb itself links no SQL driver, so a program pays the
// start-up cost only of the drivers it imports.
package sqlite

import _ "modernc.org/sqlite" // registers "sqlite"
