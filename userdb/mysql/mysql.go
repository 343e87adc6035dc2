// Package mysql links github.com/go-sql-driver/mysql (database/sql name
// "mysql") into a program for [github.com/letterbox-mail/letterbox/userdb.NewSQL] with Driver "mysql"; it
// serves MySQL and MariaDB. Import it for its side effect:
//
//	import _ "github.com/letterbox-mail/letterbox/userdb/mysql"
//
// Package userdb itself links no SQL driver, so a program pays the
// start-up cost only of the drivers it imports.
package mysql

import _ "github.com/go-sql-driver/mysql" // registers "mysql"
