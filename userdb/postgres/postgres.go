// Package postgres links pgx's database/sql driver
// (github.com/jackc/pgx/v5/stdlib, name "pgx") into a program for
// [github.com/letterbox-mail/letterbox/userdb.NewSQL] with Driver "pgsql". Import it for its side effect:
//
//	import _ "github.com/letterbox-mail/letterbox/userdb/postgres"
//
// Package userdb itself links no SQL driver, so a program pays the
// start-up cost only of the drivers it imports.
package postgres

import _ "github.com/jackc/pgx/v5/stdlib" // registers "pgx"
