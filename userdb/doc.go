// Package userdb finds the user behind a recipient address: where the
// mail goes (home, Maildir), as whom it is written (uid, gid), its quota
// rule and any extra fields (a personal Sieve script path, say).
//
// # Backends
//
//   - [SQL]: SQLite, PostgreSQL or MySQL/MariaDB through sqlx, queried
//     with a Dovecot 2.3 user_query and iterate_query pasted as is.
//   - [PasswdFile]: a Dovecot passwd-file
//     (user:password:uid:gid:gecos:home:shell:extra_fields), re-read when
//     it changes; one file, or one per domain ("passwd.d/%d").
//   - [Static]: no user list; paths from templates such as
//     "/var/vmail/%d/%n", optionally only for some domains.
//   - [Cache]: a short-lived cache in front of any of them.
//
// Package userdb links no SQL driver. A program imports the ones it needs
// for their side effect — userdb/sqlite (pure Go, no cgo), userdb/postgres
// (pgx) or userdb/mysql — so the pipe delivery binary does not pay the
// start-up cost of drivers it never uses.
//
// # Lookups, in order
//
//  1. The address is normalised ([ParseAddress]): the domain is lower-cased,
//     the local part too unless [AddressOptions].KeepLocalCase is set
//     (Postfix lower-cases before table lookups; Dovecot configs use
//     auth_username_format = %Lu), and control characters, NUL, invalid
//     UTF-8 and over-long parts (64/255/254 octets, RFC 5321 section
//     4.5.3.1) are refused.
//  2. With a recipient delimiter ("+" or several characters, Postfix
//     recipient_delimiter semantics: split at the first of any of them)
//     "bob+work@example.com" is first looked up as is, then, if that user
//     does not exist, as "bob@example.com" with [User].Detail "work".
//  3. The backend returns fields, named as Dovecot and Courier name them:
//     home, mail (a Dovecot mail location such as "maildir:~/Maildir"),
//     maildir (a Courier or Postfix Admin path such as "example.com/bob/",
//     relative to the home or to [Options].BaseDir), uid, gid (numbers or
//     system names), quota_rule (kept as is), quota (a byte count becomes
//     Maildir++ "NS"; other text, e.g. Courier "100S,10C", is kept), user
//     (the canonical address). A "userdb_" prefix is removed; other fields
//     go to [User].Extra; NULL columns are left out.
//  4. Without mail or maildir, [Options].DefaultMail applies ("~/Maildir"
//     unless set). The Maildir path is made absolute.
//
// # Errors
//
// [ErrNotFound] is returned only when a lookup completed and matched
// nothing. Every failure of a backend is a [*BackendError] naming it
// ("sql(postgres)", "passwd-file(/etc/dovecot/users)") and wrapping the
// cause (connection refused, context.DeadlineExceeded after the query
// timeout); records that cannot be used wrap [ErrIncomplete] or
// [ErrAmbiguous]. None of them is ErrNotFound, so the caller defers the
// message. Package deliver alone maps them to status codes.
//
// # Queries
//
// %u (%{user}) is the whole address, %n (%{username}) the local part, %d
// (%{domain}) the domain; %Lu, %Ud, %{user | lower} fold case; %% is a %.
// They are never spliced into the SQL text: each becomes a bound
// parameter ("?" for SQLite and MySQL, "$1", "$2" for PostgreSQL).
// Quotes around a variable are consumed ('%u' and "%u" become one
// parameter). A string literal that mixes text and variables becomes a
// concatenation: '/var/vmail/%d/%n' is rewritten to
// ('/var/vmail/' || $1 || '/' || $2) on PostgreSQL and SQLite and to
// CONCAT('/var/vmail/', ?, '/', ?) on MySQL. Comments are copied
// unchanged. Refused when the query is loaded: unknown variables, a bare
// % (write %%), variables inside quoted identifiers or PostgreSQL
// dollar-quoted strings, and placeholders written by hand. So
// "x' OR '1'='1@example.com" is only ever compared as a value.
//
// An existing Dovecot dovecot-sql.conf.ext can be read as is with
// [ParseDovecotSQLConf]; [DovecotSQLConf.SQLOptions] translates its
// connect string into the driver's DSN.
//
// Admins coming from Courier authlib turn their authmysqlrc field settings
// (MYSQL_USER_TABLE, MYSQL_HOME_FIELD, MYSQL_QUOTA_FIELD
// "concat(quota,'S')", ...) into an equivalent query with
// [CourierFields.UserQuery].
//
// With SQLite and MySQL the user query is prepared once and reused, which
// saves a round trip per lookup; with PostgreSQL, pgx caches prepared
// statements per connection (a lookup that meets "cached plan must not
// change result type" after an ALTER TABLE is retried once). Parameters
// are sent untyped, so PostgreSQL infers their type from the context as it
// does for a '...' literal (a citext column stays case-insensitive); where
// it cannot (concat('%d', '/')), the query is retried, and from then on
// run, with text-typed parameters ($1::text).
//
// # Concurrency
//
// Every backend is safe for concurrent use. [SQL] keeps a bounded
// connection pool and bounds every query with a timeout (5 s by default).
// Several processes may use the same passwd-file; it is replaced by
// renaming a new file over it, or edited in place.
package userdb
