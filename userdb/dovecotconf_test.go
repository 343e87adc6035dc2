package userdb_test

import (
	"os"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/letterbox-mail/letterbox/userdb"
)

func TestParseDovecotSQLConf(t *testing.T) {
	t.Parallel()
	f, err := os.Open("testdata/seeds/postfixadmin-pgsql.conf.ext")
	require.NoError(t, err)
	defer f.Close()
	c, err := userdb.ParseDovecotSQLConf(f)
	require.NoError(t, err)
	assert.Equal(t, userdb.DovecotSQLConf{
		Driver:  "pgsql",
		Connect: "host=127.0.0.1 dbname=postfix user=postfix password=secret",
		UserQuery: "SELECT '/var/vmail/' || maildir AS home, 1001 AS uid, 1001 AS gid, " +
			"'*:bytes=' || quota AS quota_rule FROM mailbox WHERE username = '%u' AND active = '1'",
		IterateQuery: "SELECT username AS user FROM mailbox WHERE active = '1'",
	}, c)
}

func TestParseDovecotSQLConf_syntax(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, in string
		want     userdb.DovecotSQLConf
	}{
		{"comments and blank lines", "# c\n\n  # indented\ndriver = sqlite\n", userdb.DovecotSQLConf{Driver: "sqlite"}},
		{"quoted with escapes", `connect = "a \"b\" c\\d"`, userdb.DovecotSQLConf{Connect: `a "b" c\d`}},
		{"continuation", "user_query = SELECT home \\\n   FROM u \\\n\tWHERE a = '%u'\n",
			userdb.DovecotSQLConf{UserQuery: "SELECT home FROM u WHERE a = '%u'"}},
		{"commented continuation", "#user_query = \\\n#  SELECT 1\nuser_query = SELECT 2",
			userdb.DovecotSQLConf{UserQuery: "SELECT 2"}},
		{"value with = and #", "user_query = SELECT 1 # x = y", userdb.DovecotSQLConf{UserQuery: "SELECT 1 # x = y"}},
		{"CRLF", "driver = mysql\r\n", userdb.DovecotSQLConf{Driver: "mysql"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			got, err := userdb.ParseDovecotSQLConf(strings.NewReader(tc.in))
			require.NoError(t, err)
			assert.Equal(t, tc.want, got)
		})
	}
}

func TestParseDovecotSQLConf_refused(t *testing.T) {
	t.Parallel()
	tests := []struct{ name, in, msg string }{
		{"unknown setting", "driver = sqlite\nuser_qeury = SELECT 1", `line 2: unknown setting "user_qeury"`},
		{"include", "!include auth.conf", `line 1: "!include" is not supported`},
		{"no equals", "driver sqlite", "line 1: no '='"},
		{"continued past the end", "\nuser_query = SELECT \\", "line 2: continued past the end"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			_, err := userdb.ParseDovecotSQLConf(strings.NewReader(tc.in))
			require.ErrorContains(t, err, tc.msg)
		})
	}
}

func TestDovecotSQLConf_SQLOptions(t *testing.T) {
	t.Parallel()
	base := userdb.SQLOptions{Options: userdb.Options{BaseDir: "/var/vmail"}, MaxOpenConns: 9}
	tests := []struct {
		name    string
		c       userdb.DovecotSQLConf
		dsn     string
		maxOpen int
	}{
		{"pgsql", userdb.DovecotSQLConf{Driver: "pgsql", Connect: "host=localhost  dbname=mail maxconns=3 user=dovecot"},
			"host=localhost dbname=mail user=dovecot", 3},
		{"pgsql keeps pool size", userdb.DovecotSQLConf{Driver: "pgsql", Connect: "host=/run/postgresql dbname=mail"},
			"host=/run/postgresql dbname=mail", 9},
		{"mysql", userdb.DovecotSQLConf{Driver: "mysql", Connect: "host=db.example dbname=postfix user=postfix password=p@ss"},
			"postfix:p@ss@tcp(db.example:3306)/postfix", 9},
		{"mysql socket", userdb.DovecotSQLConf{Driver: "mysql", Connect: "host=/run/mysqld/mysqld.sock port=0 dbname=mail user=u"},
			"u@unix(/run/mysqld/mysqld.sock)/mail", 9},
		{"mysql defaults", userdb.DovecotSQLConf{Driver: "mysql", Connect: "dbname=mail"}, "tcp(localhost:3306)/mail", 9},
		{"sqlite", userdb.DovecotSQLConf{Driver: "sqlite", Connect: "/etc/dovecot/authdb.sqlite"}, "/etc/dovecot/authdb.sqlite", 9},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			tc.c.UserQuery = "SELECT home FROM u WHERE e = '%u'"
			o, err := tc.c.SQLOptions(base)
			require.NoError(t, err)
			assert.Equal(t, tc.dsn, o.DSN)
			assert.Equal(t, tc.maxOpen, o.MaxOpenConns)
			assert.Equal(t, tc.c.Driver, o.Driver)
			assert.Equal(t, tc.c.UserQuery, o.UserQuery)
			assert.Equal(t, "/var/vmail", o.BaseDir)
		})
	}
	for _, c := range []userdb.DovecotSQLConf{
		{Driver: "mysql", Connect: "host=x ssl_ca=/etc/ca.pem"},
		{Driver: "pgsql", Connect: "host=x maxconns=many"},
		{Driver: "cassandra", Connect: "host=x"},
	} {
		_, err := c.SQLOptions(base)
		require.Error(t, err, c.Connect)
	}
}
