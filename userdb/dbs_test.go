package userdb_test

import (
	"crypto/rand"
	"encoding/hex"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/go-sql-driver/mysql"
	"github.com/jmoiron/sqlx"
	"github.com/stretchr/testify/require"

	_ "github.com/letterbox-mail/letterbox/userdb/mysql"
	_ "github.com/letterbox-mail/letterbox/userdb/postgres"
	_ "github.com/letterbox-mail/letterbox/userdb/sqlite"
)

// The database kinds every SQL test runs on.
var dbKinds = []string{"sqlite", "postgres", "mysql"}

// testDB is an empty, private namespace in one database: a SQLite file, a
// PostgreSQL schema or a MariaDB database, dropped when the test ends.
type testDB struct {
	kind   string // "sqlite", "postgres" or "mysql"
	driver string // userdb Driver name
	dsn    string // connects into the private namespace
	db     *sqlx.DB
}

// requireEnv returns the environment variable, or skips the test when it
// is unset, unless E2E_REQUIRED=1, which makes that a failure.
func requireEnv(t testing.TB, name string) string {
	t.Helper()
	v := os.Getenv(name)
	if v == "" {
		if os.Getenv("E2E_REQUIRED") == "1" {
			t.Fatalf("%s is not set and E2E_REQUIRED=1", name)
		}
		t.Skipf("%s is not set", name)
	}
	return v
}

func uniqueName(t testing.TB) string {
	t.Helper()
	b := make([]byte, 6)
	_, err := rand.Read(b)
	require.NoError(t, err)
	return "lb_" + hex.EncodeToString(b)
}

// openTestDB makes a private namespace. pipesAsConcat sets MySQL's
// PIPES_AS_CONCAT mode, under which "||" concatenates as in standard SQL.
func openTestDB(t testing.TB, kind string, pipesAsConcat bool) *testDB {
	t.Helper()
	var tdb *testDB
	switch kind {
	case "sqlite":
		tdb = &testDB{kind: kind, driver: "sqlite", dsn: filepath.Join(t.TempDir(), "users.db")}
	case "postgres":
		tdb = openPostgres(t, requireEnv(t, "LETTERBOX_TEST_POSTGRES"))
	case "mysql":
		tdb = openMySQL(t, requireEnv(t, "LETTERBOX_TEST_MYSQL"), pipesAsConcat)
	}
	db, err := sqlx.Open(map[string]string{"sqlite": "sqlite", "pgsql": "pgx", "mysql": "mysql"}[tdb.driver], tdb.dsn)
	require.NoError(t, err)
	t.Cleanup(func() { db.Close() })
	tdb.db = db
	return tdb
}

func openPostgres(t testing.TB, base string) *testDB {
	admin, err := sqlx.Open("pgx", base)
	require.NoError(t, err)
	name := uniqueName(t)
	_, err = admin.Exec("CREATE SCHEMA " + name)
	require.NoError(t, err, "PostgreSQL at LETTERBOX_TEST_POSTGRES")
	t.Cleanup(func() {
		_, err := admin.Exec("DROP SCHEMA " + name + " CASCADE")
		require.NoError(t, err)
		admin.Close()
	})
	dsn := base + " search_path=" + name
	if u, err := url.Parse(base); err == nil && u.Scheme != "" {
		q := u.Query()
		q.Set("search_path", name)
		u.RawQuery = q.Encode()
		dsn = u.String()
	}
	return &testDB{kind: "postgres", driver: "pgsql", dsn: dsn}
}

func openMySQL(t testing.TB, base string, pipesAsConcat bool) *testDB {
	admin, err := sqlx.Open("mysql", base)
	require.NoError(t, err)
	name := uniqueName(t)
	_, err = admin.Exec("CREATE DATABASE " + name)
	require.NoError(t, err, "MariaDB at LETTERBOX_TEST_MYSQL")
	t.Cleanup(func() {
		_, err := admin.Exec("DROP DATABASE " + name)
		require.NoError(t, err)
		admin.Close()
	})
	cfg, err := mysql.ParseDSN(base)
	require.NoError(t, err)
	cfg.DBName = name
	if pipesAsConcat {
		if cfg.Params == nil {
			cfg.Params = map[string]string{}
		}
		cfg.Params["sql_mode"] = "CONCAT(@@sql_mode,',PIPES_AS_CONCAT')"
	}
	return &testDB{kind: "mysql", driver: "mysql", dsn: cfg.FormatDSN()}
}

// exec runs statements separated by ";\n".
func (d *testDB) exec(t testing.TB, statements string) {
	t.Helper()
	for _, st := range strings.Split(statements, ";\n") {
		if strings.TrimSpace(st) == "" {
			continue
		}
		_, err := d.db.Exec(st)
		require.NoError(t, err, st)
	}
}

// insert runs one INSERT written with "?" placeholders, values bound.
func (d *testDB) insert(t testing.TB, query string, args ...any) {
	t.Helper()
	_, err := d.db.Exec(d.db.Rebind(query), args...)
	require.NoError(t, err, query)
}
