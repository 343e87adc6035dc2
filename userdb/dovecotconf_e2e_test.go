package userdb_test

import (
	"net"
	"net/url"
	"strings"
	"testing"

	"github.com/go-sql-driver/mysql"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/letterbox-mail/letterbox/userdb"
)

// TestDovecotSQLConf_connectsToPostgres uses a Dovecot-style connect
// string, translated, against the real server.
func TestDovecotSQLConf_connectsToPostgres(t *testing.T) {
	t.Parallel()
	tdb := openTestDB(t, "postgres", false)
	tdb.exec(t, shisaaSchema)
	u, err := url.Parse(tdb.dsn)
	require.NoError(t, err)
	pw, _ := u.User.Password()
	connect := "host=" + u.Hostname() + " port=" + u.Port() + " dbname=" + strings.TrimPrefix(u.Path, "/") +
		" user=" + u.User.Username() + " maxconns=2 sslmode=disable search_path=" + u.Query().Get("search_path")
	if pw != "" {
		connect += " password=" + pw
	}
	c := userdb.DovecotSQLConf{Driver: "pgsql", Connect: connect,
		UserQuery: "SELECT '/home/mail/'||maildir as home, uid, gid, email FROM users WHERE email = '%u'"}
	o, err := c.SQLOptions(userdb.SQLOptions{})
	require.NoError(t, err)
	db, err := userdb.NewSQL(o)
	require.NoError(t, err)
	t.Cleanup(func() { db.Close() })
	got, err := db.Lookup(t.Context(), "carol@example.com")
	require.NoError(t, err)
	assert.Equal(t, "/home/mail/example.com/carol", got.Home)
}

// TestDovecotSQLConf_connectsToMySQL does the same against MariaDB.
func TestDovecotSQLConf_connectsToMySQL(t *testing.T) {
	t.Parallel()
	tdb := openTestDB(t, "mysql", false)
	tdb.exec(t, shisaaSchema)
	cfg, err := mysql.ParseDSN(tdb.dsn)
	require.NoError(t, err)
	host, port, err := net.SplitHostPort(cfg.Addr)
	require.NoError(t, err)
	connect := "host=" + host + " port=" + port + " dbname=" + cfg.DBName + " user=" + cfg.User
	if cfg.Passwd != "" {
		connect += " password=" + cfg.Passwd
	}
	c := userdb.DovecotSQLConf{Driver: "mysql", Connect: connect,
		UserQuery: "SELECT CONCAT('/home/mail/', maildir) as home, uid, gid, email FROM users WHERE email = '%u'"}
	o, err := c.SQLOptions(userdb.SQLOptions{})
	require.NoError(t, err)
	db, err := userdb.NewSQL(o)
	require.NoError(t, err)
	t.Cleanup(func() { db.Close() })
	got, err := db.Lookup(t.Context(), "grace@example.org")
	require.NoError(t, err)
	assert.Equal(t, "/home/mail/example.org/grace", got.Home)
}
