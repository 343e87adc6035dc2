package userdb_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/letterbox-mail/letterbox/userdb"
)

// TestSQL_fields checks the Dovecot and Courier field mapping on SQLite.
func TestSQL_fields(t *testing.T) {
	t.Parallel()
	tdb := openTestDB(t, "sqlite", false)
	tdb.exec(t, `CREATE TABLE u (username text, domain text, pw text, home text, quota integer, sieve text);
INSERT INTO u VALUES ('bob', 'example.com', '{PLAIN}x', '/h/bob', 5000, NULL), ('amy', 'example.org', NULL, NULL, NULL, '/s/amy')`)
	tests := []struct {
		name, query, addr string
		opts              userdb.Options
		want              userdb.User
	}{
		{"prefetch-style userdb_ fields, password dropped, NULL skipped",
			"SELECT username || '@' || domain AS user, pw AS password, home AS userdb_home, 'root' AS userdb_uid, " +
				"'root' AS userdb_gid, quota AS userdb_quota, sieve AS userdb_sieve FROM u WHERE username = '%n' AND domain = '%d'",
			"BOB@example.com", userdb.Options{},
			userdb.User{Address: "bob@example.com", Home: "/h/bob", Mail: "~/Maildir", Maildir: "/h/bob/Maildir",
				UID: 0, GID: 0, QuotaRule: "5000S"}},
		{"mail built in the query, extra field",
			"SELECT 'maildir:/var/vmail/%d/%n/Maildir:LAYOUT=fs' AS mail, sieve FROM u WHERE username = '%n' AND domain = '%d'",
			"amy@example.org", userdb.Options{},
			userdb.User{Address: "amy@example.org", Mail: "maildir:/var/vmail/example.org/amy/Maildir:LAYOUT=fs",
				Maildir: "/var/vmail/example.org/amy/Maildir", UID: -1, GID: -1, Extra: map[string]string{"sieve": "/s/amy"}}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			db, err := userdb.NewSQL(userdb.SQLOptions{Options: tc.opts, Driver: "sqlite", DSN: tdb.dsn, UserQuery: tc.query})
			require.NoError(t, err)
			t.Cleanup(func() { db.Close() })
			got, err := db.Lookup(t.Context(), tc.addr)
			require.NoError(t, err)
			assert.Equal(t, tc.want, got)
		})
	}
}

func TestSQL_iterateUsernameDomain(t *testing.T) {
	t.Parallel()
	tdb := openTestDB(t, "sqlite", false)
	tdb.exec(t, "CREATE TABLE u (username text, domain text);\nINSERT INTO u VALUES ('bob', 'example.com'), ('amy', 'example.org')")
	db, err := userdb.NewSQL(userdb.SQLOptions{Driver: "sqlite", DSN: tdb.dsn,
		UserQuery: "SELECT 1 WHERE 0 AND '%u' <> ''", IterateQuery: "SELECT username, domain FROM u ORDER BY username"})
	require.NoError(t, err)
	t.Cleanup(func() { db.Close() })
	users, err := db.Users(t.Context())
	require.NoError(t, err)
	assert.Equal(t, []string{"amy@example.org", "bob@example.com"}, users)

	bad, err := userdb.NewSQL(userdb.SQLOptions{Driver: "sqlite", DSN: tdb.dsn,
		UserQuery: "SELECT 1", IterateQuery: "SELECT domain FROM u"})
	require.NoError(t, err)
	t.Cleanup(func() { bad.Close() })
	_, err = bad.Users(t.Context())
	require.ErrorIs(t, err, userdb.ErrIncomplete)
}

func TestSQL_incompleteRecordIsNotNotFound(t *testing.T) {
	t.Parallel()
	tdb := openTestDB(t, "sqlite", false)
	db, err := userdb.NewSQL(userdb.SQLOptions{Driver: "sqlite", DSN: tdb.dsn,
		UserQuery: "SELECT 'example.com/bob/' AS maildir WHERE '%u' <> ''"})
	require.NoError(t, err)
	t.Cleanup(func() { db.Close() })
	_, err = db.Lookup(t.Context(), "bob@example.com")
	require.ErrorIs(t, err, userdb.ErrIncomplete)
	assert.NotErrorIs(t, err, userdb.ErrNotFound)
	assert.ErrorContains(t, err, "sql(sqlite)")
}
