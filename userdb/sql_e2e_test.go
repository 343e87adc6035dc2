package userdb_test

import (
	"context"
	"errors"
	"net"
	"strconv"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/letterbox-mail/letterbox/userdb"
)

// injectionRows exist in the table; each must find exactly its own row.
var injectionRows = []string{
	"o'brien@example.com",
	`back\slash@example.com`,
	`back\'quote@example.com`,
	"100%@example.com",
	"a_b@example.com",
	"x--y@example.com",
	"c/*d*/@example.com",
	`"q"@example.com`,
	"hash#tag@example.com",
	"plain@example.com",
}

// injectionProbes do not exist; each must match nothing.
var injectionProbes = []string{
	"x' OR '1'='1@example.com",
	"' OR ''='@example.com",
	"x'--@example.com",
	"x'/*@example.com",
	`x\' OR 1=1 #@example.com`,
	`x\' OR 1=1 -- @example.com`,
	"'; DROP TABLE inj; --@example.com",
	`x" OR "1"="1@example.com`,
	"%@example.com",
	"a%@example.com",
	"_@example.com",
	"axb@example.com",
	"plain@example.com' OR 'a'='a",
	"$1@example.com",
	"?@example.com",
}

var injectionQueries = []string{
	"SELECT home FROM inj WHERE email = '%u'",
	`SELECT home FROM inj WHERE email = "%u"`,
	"SELECT home FROM inj WHERE email = '%n@%d' -- split literal",
	"SELECT home FROM inj WHERE email = %u",
	"SELECT home FROM inj WHERE email = '%{username}' || '@' || '%{domain}'",
}

func TestSQL_injection(t *testing.T) {
	t.Parallel()
	for _, kind := range dbKinds {
		t.Run(kind, func(t *testing.T) {
			t.Parallel()
			tdb := openTestDB(t, kind, true)
			tdb.exec(t, "CREATE TABLE inj (email varchar(255) NOT NULL PRIMARY KEY, home varchar(255) NOT NULL)")
			for i, e := range injectionRows {
				tdb.insert(t, "INSERT INTO inj (email, home) VALUES (?, ?)", e, "/home/"+strconv.Itoa(i))
			}
			for _, q := range injectionQueries {
				db, err := userdb.NewSQL(userdb.SQLOptions{Driver: tdb.driver, DSN: tdb.dsn, UserQuery: q})
				require.NoError(t, err, q)
				for i, e := range injectionRows {
					u, err := db.Lookup(t.Context(), e)
					require.NoError(t, err, "%s: %s", q, e)
					assert.Equal(t, "/home/"+strconv.Itoa(i), u.Home, "%s: %s", q, e)
				}
				for _, p := range injectionProbes {
					_, err := db.Lookup(t.Context(), p)
					require.ErrorIs(t, err, userdb.ErrNotFound, "%s: %s", q, p)
				}
				require.NoError(t, db.Close())
			}
			var n int
			require.NoError(t, tdb.db.Get(&n, "SELECT COUNT(*) FROM inj"))
			assert.Equal(t, len(injectionRows), n)
		})
	}
}

// closedPort returns a loopback address where nothing listens.
func closedPort(t *testing.T) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	addr := l.Addr().String()
	require.NoError(t, l.Close())
	return addr
}

func TestSQL_unreachable(t *testing.T) {
	t.Parallel()
	addr := closedPort(t)
	tests := []struct {
		driver, dsn, backend string
	}{
		{"pgsql", "postgres://postgres@" + addr + "/test?sslmode=disable", "sql(postgres)"},
		{"mysql", "root@tcp(" + addr + ")/test", "sql(mysql)"},
		{"sqlite", "file:" + t.TempDir() + "/missing/users.db?mode=ro", "sql(sqlite)"},
	}
	for _, tc := range tests {
		t.Run(tc.driver, func(t *testing.T) {
			t.Parallel()
			db, err := userdb.NewSQL(userdb.SQLOptions{Driver: tc.driver, DSN: tc.dsn,
				UserQuery: "SELECT home FROM users WHERE email = '%u'", QueryTimeout: 3 * time.Second})
			require.NoError(t, err)
			t.Cleanup(func() { db.Close() })
			_, err = db.Lookup(t.Context(), "bob@example.com")
			require.Error(t, err)
			assert.NotErrorIs(t, err, userdb.ErrNotFound)
			var be *userdb.BackendError
			require.ErrorAs(t, err, &be)
			assert.Equal(t, tc.backend, be.Backend)
			assert.Equal(t, "lookup", be.Op)
			assert.ErrorContains(t, err, tc.backend)
		})
	}
}

func TestSQL_queryTimeout(t *testing.T) {
	t.Parallel()
	queries := map[string]string{
		"postgres": "SELECT '/h' AS home FROM pg_sleep(5) WHERE '%u' <> ''",
		"mysql":    "SELECT SLEEP(5) AS s, '/h' AS home FROM DUAL WHERE '%u' <> ''",
		"sqlite": "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) " +
			"SELECT '/h' AS home FROM c WHERE x < 0 AND '%u' <> ''",
	}
	for _, kind := range dbKinds {
		t.Run(kind, func(t *testing.T) {
			t.Parallel()
			tdb := openTestDB(t, kind, false)
			db, err := userdb.NewSQL(userdb.SQLOptions{Driver: tdb.driver, DSN: tdb.dsn,
				UserQuery: queries[kind], QueryTimeout: 200 * time.Millisecond})
			require.NoError(t, err)
			t.Cleanup(func() { db.Close() })
			_, err = db.Lookup(t.Context(), "bob@example.com")
			assert.NotErrorIs(t, err, userdb.ErrNotFound)
			assert.ErrorIs(t, err, context.DeadlineExceeded)
			var be *userdb.BackendError
			require.ErrorAs(t, err, &be)
			assert.Equal(t, "sql("+kind+")", be.Backend)
			assert.ErrorContains(t, err, "query timeout 200ms")
		})
	}
}

func TestSQL_ambiguous(t *testing.T) {
	t.Parallel()
	tdb := openTestDB(t, "sqlite", false)
	tdb.exec(t, "CREATE TABLE u (email text, home text);\nINSERT INTO u VALUES ('a@b.example', '/1'), ('a@b.example', '/2')")
	db, err := userdb.NewSQL(userdb.SQLOptions{Driver: "sqlite", DSN: tdb.dsn, UserQuery: "SELECT home FROM u WHERE email = '%u'"})
	require.NoError(t, err)
	t.Cleanup(func() { db.Close() })
	_, err = db.Lookup(t.Context(), "a@b.example")
	require.ErrorIs(t, err, userdb.ErrAmbiguous)
	_, err = db.Users(t.Context())
	require.ErrorIs(t, err, errors.ErrUnsupported)
}

func TestNewSQL_errors(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		o    userdb.SQLOptions
		msg  string
	}{
		{"unknown driver", userdb.SQLOptions{Driver: "oracle", UserQuery: "SELECT 1"}, "unknown SQL driver"},
		{"empty query", userdb.SQLOptions{Driver: "sqlite"}, "UserQuery is empty"},
		{"bad variable", userdb.SQLOptions{Driver: "sqlite", UserQuery: "SELECT home FROM u WHERE a = '%s'"}, "unknown variable %s"},
		{"iterate with variable", userdb.SQLOptions{Driver: "sqlite", UserQuery: "SELECT 1", IterateQuery: "SELECT '%u' AS user"},
			"IterateQuery cannot use"},
		{"bad default mail", userdb.SQLOptions{Driver: "sqlite", UserQuery: "SELECT 1",
			Options: userdb.Options{DefaultMail: "%x"}}, "DefaultMail"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			_, err := userdb.NewSQL(tc.o)
			require.ErrorContains(t, err, tc.msg)
		})
	}
}

// TestSQL_schemaChange checks that prepared or cached statements survive
// an ALTER TABLE between lookups.
func TestSQL_schemaChange(t *testing.T) {
	t.Parallel()
	for _, kind := range dbKinds {
		t.Run(kind, func(t *testing.T) {
			t.Parallel()
			tdb := openTestDB(t, kind, false)
			tdb.exec(t, "CREATE TABLE sc (email varchar(255) NOT NULL, home varchar(255) NOT NULL);\n"+
				"INSERT INTO sc (email, home) VALUES ('bob@example.com', '/h/bob')")
			db, err := userdb.NewSQL(userdb.SQLOptions{Driver: tdb.driver, DSN: tdb.dsn,
				UserQuery: "SELECT * FROM sc WHERE email = '%u'", MaxOpenConns: 1})
			require.NoError(t, err)
			t.Cleanup(func() { db.Close() })
			u, err := db.Lookup(t.Context(), "bob@example.com")
			require.NoError(t, err)
			assert.Equal(t, "/h/bob", u.Home)

			tdb.exec(t, "ALTER TABLE sc ADD COLUMN sieve varchar(255) NOT NULL DEFAULT '/s/bob'")
			u, err = db.Lookup(t.Context(), "bob@example.com")
			require.NoError(t, err)
			assert.Equal(t, map[string]string{"email": "bob@example.com", "sieve": "/s/bob"}, u.Extra)
		})
	}
}

// TestSQL_postgresParameterTypes covers variables where PostgreSQL cannot
// infer a parameter type (concat's "any" arguments): the query is retried
// with text-typed parameters, while plain comparisons stay untyped.
func TestSQL_postgresParameterTypes(t *testing.T) {
	t.Parallel()
	tdb := openTestDB(t, "postgres", false)
	tdb.exec(t, shisaaSchema)
	db, err := userdb.NewSQL(userdb.SQLOptions{Driver: tdb.driver, DSN: tdb.dsn,
		UserQuery: "SELECT concat('/var/vmail/', '%d', '/', '%n') AS home, uid, gid FROM users WHERE email = '%u'"})
	require.NoError(t, err)
	t.Cleanup(func() { db.Close() })
	for range 2 {
		u, err := db.Lookup(t.Context(), "carol@example.com")
		require.NoError(t, err)
		assert.Equal(t, "/var/vmail/example.com/carol", u.Home)
	}
	_, err = db.Lookup(t.Context(), "x' OR '1'='1@example.com")
	require.ErrorIs(t, err, userdb.ErrNotFound)
}
