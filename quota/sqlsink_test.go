package quota_test

import (
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"os"
	"path/filepath"
	"testing"

	_ "github.com/go-sql-driver/mysql"
	_ "github.com/jackc/pgx/v5/stdlib"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	_ "modernc.org/sqlite"

	"github.com/letterbox-mail/letterbox/quota"
)

// openTestDB opens the database of a dialect: SQLite in a temp dir, or the
// server named by LETTERBOX_TEST_POSTGRES / LETTERBOX_TEST_MYSQL.
func openTestDB(t *testing.T, dialect string) *sql.DB {
	t.Helper()
	var driver, dsn string
	switch dialect {
	case quota.DialectSQLite:
		driver, dsn = "sqlite", filepath.Join(t.TempDir(), "quota.db")
	case quota.DialectPostgres:
		driver, dsn = "pgx", os.Getenv("LETTERBOX_TEST_POSTGRES")
	case quota.DialectMySQL:
		driver, dsn = "mysql", os.Getenv("LETTERBOX_TEST_MYSQL")
	}
	if dsn == "" {
		if os.Getenv("E2E_REQUIRED") == "1" {
			t.Fatalf("%s: DSN not set and E2E_REQUIRED=1", dialect)
		}
		t.Skipf("%s: DSN not set", dialect)
	}
	db, err := sql.Open(driver, dsn)
	require.NoError(t, err)
	t.Cleanup(func() { db.Close() })
	require.NoError(t, db.PingContext(t.Context()))
	return db
}

func uniqueTable(t *testing.T) string {
	t.Helper()
	var b [6]byte
	_, err := rand.Read(b[:])
	require.NoError(t, err)
	return "admin_quota_" + hex.EncodeToString(b[:])
}

func TestSQLSink(t *testing.T) {
	t.Parallel()
	for _, dialect := range []string{quota.DialectSQLite, quota.DialectPostgres, quota.DialectMySQL} {
		t.Run(dialect, func(t *testing.T) {
			t.Parallel()
			db := openTestDB(t, dialect)
			table := uniqueTable(t)
			sink, err := quota.NewSQLSink(db, quota.SQLSinkOptions{Dialect: dialect, Table: table})
			require.NoError(t, err)
			require.NoError(t, sink.CreateTable(t.Context()))
			t.Cleanup(func() { _, _ = db.Exec("DROP TABLE " + table) })

			acct := newAccount(t, quota.Limits{Bytes: 100000})
			k := newKeeper(t, quota.Options{Sink: sink})
			for _, size := range []int{100, 250} {
				_, err := deliverSize(t, k, acct, acct.Maildir.Inbox(), size)
				require.NoError(t, err)
			}
			var bytes, messages int64
			row := db.QueryRowContext(t.Context(), "SELECT bytes, messages FROM "+table+" WHERE username = 'bob@example.org'")
			require.NoError(t, row.Scan(&bytes, &messages))
			assert.Equal(t, [2]int64{350, 2}, [2]int64{bytes, messages})

			require.NoError(t, sink.ReportUsage(t.Context(), "carol@example.org", quota.Usage{Bytes: 1, Messages: 1}))
			var n int
			require.NoError(t, db.QueryRowContext(t.Context(), "SELECT COUNT(*) FROM "+table).Scan(&n))
			assert.Equal(t, 2, n, "one row per user, updated in place")
		})
	}
}

func TestNewSQLSink_errors(t *testing.T) {
	t.Parallel()
	_, err := quota.NewSQLSink(nil, quota.SQLSinkOptions{Dialect: "oracle"})
	require.Error(t, err)
	_, err = quota.NewSQLSink(nil, quota.SQLSinkOptions{Dialect: quota.DialectMySQL, Table: "x; DROP TABLE y"})
	require.Error(t, err)
}

func TestSQLSink_downDatabaseNeverFailsDelivery(t *testing.T) {
	t.Parallel()
	db := openTestDB(t, quota.DialectSQLite)
	sink, err := quota.NewSQLSink(db, quota.SQLSinkOptions{Dialect: quota.DialectSQLite, Table: "missing_table"})
	require.NoError(t, err)
	acct := newAccount(t, quota.Limits{Bytes: 1000})
	k := newKeeper(t, quota.Options{Sink: sink})
	_, err = deliverSize(t, k, acct, acct.Maildir.Inbox(), 10)
	require.NoError(t, err)
}
