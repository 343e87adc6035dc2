package userdb_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/letterbox-mail/letterbox/userdb"
)

// seedCase is one seed deployment: its schema, its queries as the seed
// wrote them (installer placeholders filled in) and what must come out.
type seedCase struct {
	name          string
	schema        string
	conf          map[string]string // seed's dovecot-sql.conf.ext in testdata/seeds, by kind; "" is the default
	userQuery     map[string]string // or the query itself, by kind
	iterateQuery  string
	opts          userdb.Options
	pipesAsConcat bool // the query uses "||", which MySQL needs PIPES_AS_CONCAT for
	want          map[string]userdb.User
	notFound      []string
	users         []string
}

// queries returns the seed's user_query and iterate_query for kind.
func (s seedCase) queries(t testing.TB, kind string) (user, iterate string) {
	t.Helper()
	if s.conf == nil {
		return byKind(s.userQuery, kind), s.iterateQuery
	}
	f, err := os.Open(filepath.Join("testdata", "seeds", byKind(s.conf, kind)))
	require.NoError(t, err)
	defer f.Close()
	c, err := userdb.ParseDovecotSQLConf(f)
	require.NoError(t, err)
	return c.UserQuery, c.IterateQuery
}

func byKind(m map[string]string, kind string) string {
	if v, ok := m[kind]; ok {
		return v
	}
	return m[""]
}

const modoboaSchema = `CREATE TABLE admin_domain (id integer PRIMARY KEY, name varchar(100) NOT NULL UNIQUE, quota integer NOT NULL, enabled boolean NOT NULL);
CREATE TABLE core_user (id integer PRIMARY KEY, username varchar(254) NOT NULL, email varchar(254) NOT NULL, is_active boolean NOT NULL);
CREATE TABLE admin_mailbox (id integer PRIMARY KEY, address varchar(252) NOT NULL, quota integer NOT NULL, domain_id integer NOT NULL REFERENCES admin_domain (id), user_id integer NOT NULL REFERENCES core_user (id));
INSERT INTO admin_domain (id, name, quota, enabled) VALUES (1, 'example.com', 0, true), (2, 'example.org', 0, true);
INSERT INTO core_user (id, username, email, is_active) VALUES (1, 'alice@example.com', 'alice@example.com', true), (2, 'bob@example.com', 'bob@example.com', true), (3, 'alice@example.org', 'alice@example.org', true);
INSERT INTO admin_mailbox (id, address, quota, domain_id, user_id) VALUES (1, 'alice', 100, 1, 1), (2, 'bob', 0, 1, 2), (3, 'alice', 2048, 2, 3)`

const postfixAdminSchema = `CREATE TABLE mailbox (username varchar(255) NOT NULL PRIMARY KEY, password varchar(255) NOT NULL, name varchar(255) NOT NULL, maildir varchar(255) NOT NULL, quota bigint NOT NULL, local_part varchar(255) NOT NULL, domain varchar(255) NOT NULL, active boolean NOT NULL);
INSERT INTO mailbox (username, password, name, maildir, quota, local_part, domain, active) VALUES
 ('bob@example.com', '{SHA512-CRYPT}x', 'Bob', 'example.com/bob/', 1073741824, 'bob', 'example.com', true),
 ('dave@example.com', '{SHA512-CRYPT}x', 'Dave', 'example.com/dave/', 0, 'dave', 'example.com', false),
 ('erin@example.net', '{SHA512-CRYPT}x', 'Erin', 'example.net/erin/', 0, 'erin', 'example.net', true)`

const shisaaSchema = `CREATE TABLE users (email varchar(255) NOT NULL PRIMARY KEY, password varchar(255) NOT NULL, maildir varchar(255) NOT NULL, uid integer NOT NULL, gid integer NOT NULL);
INSERT INTO users (email, password, maildir, uid, gid) VALUES ('carol@example.com', '{SHA512-CRYPT}x', 'example.com/carol/', 5000, 5000), ('grace@example.org', '{SHA512-CRYPT}x', 'example.org/grace/', 5001, 5002)`

var plus = userdb.AddressOptions{RecipientDelimiter: "+"}

// pfaUser is Postfix Admin's bob or erin with the fields every variant sets.
func pfaUser(addr, dir string) userdb.User {
	return userdb.User{Address: addr, UID: 1001, GID: 1001, Maildir: "/var/vmail/" + dir}
}

var seedCases = []seedCase{
	{
		name:   "modoboa",
		schema: modoboaSchema,
		conf:   map[string]string{"": "modoboa-pgsql.conf.ext", "mysql": "modoboa-mysql.conf.ext"},
		opts:   userdb.Options{AddressOptions: plus, DefaultMail: "maildir:~/.maildir"},
		want: map[string]userdb.User{
			"alice@example.com": {Address: "alice@example.com", Home: "/srv/vmail/example.com/alice", Mail: "maildir:~/.maildir",
				Maildir: "/srv/vmail/example.com/alice/.maildir", UID: 200, GID: 200, QuotaRule: "*:bytes=100M"},
			"Alice+Spam@Example.ORG": {Address: "alice@example.org", Detail: "spam", Home: "/srv/vmail/example.org/alice",
				Mail: "maildir:~/.maildir", Maildir: "/srv/vmail/example.org/alice/.maildir", UID: 200, GID: 200,
				QuotaRule: "*:bytes=2048M"},
			"bob@example.com": {Address: "bob@example.com", Home: "/srv/vmail/example.com/bob", Mail: "maildir:~/.maildir",
				Maildir: "/srv/vmail/example.com/bob/.maildir", UID: 200, GID: 200, QuotaRule: "*:bytes=0M"},
		},
		notFound: []string{"carol@example.com", "bob@example.org", "alice@example.net"},
		users:    []string{"alice@example.com", "bob@example.com", "alice@example.org"},
	},
	{
		name:   "postfixadmin-dovecot",
		schema: postfixAdminSchema,
		conf:   map[string]string{"": "postfixadmin-pgsql.conf.ext", "mysql": "postfixadmin-mysql.conf.ext"},
		opts:   userdb.Options{AddressOptions: plus, DefaultMail: "maildir:~/"},
		want: map[string]userdb.User{
			"bob@example.com": with(pfaUser("bob@example.com", "example.com/bob"), func(u *userdb.User) {
				u.Home, u.Mail, u.QuotaRule = "/var/vmail/example.com/bob", "maildir:~/", "*:bytes=1073741824"
			}),
			"erin+x@example.net": with(pfaUser("erin@example.net", "example.net/erin"), func(u *userdb.User) {
				u.Home, u.Mail, u.QuotaRule, u.Detail = "/var/vmail/example.net/erin", "maildir:~/", "*:bytes=0", "x"
			}),
		},
		notFound: []string{"dave@example.com", "carol@example.com"},
		users:    []string{"bob@example.com", "erin@example.net"},
	},
	{
		name:   "postfixadmin-bare-maildir",
		schema: postfixAdminSchema,
		conf:   map[string]string{"": "postfixadmin-maildir.conf.ext"},
		opts:   userdb.Options{AddressOptions: plus, BaseDir: "/var/vmail"},
		want: map[string]userdb.User{
			"bob@example.com": {Address: "bob@example.com", Mail: "example.com/bob/", Maildir: "/var/vmail/example.com/bob",
				UID: 2000, GID: 2000},
		},
		notFound: []string{"dave@example.com"},
		users:    []string{"bob@example.com", "erin@example.net"},
	},
	{
		name:   "postfixadmin-courier",
		schema: postfixAdminSchema,
		userQuery: map[string]string{
			"": `SELECT '/var/vmail' AS home, maildir, concat(quota,'S') AS quota, 1001 AS uid, 1001 AS gid FROM mailbox WHERE username = '%u' AND active='1'`,
		},
		opts: userdb.Options{AddressOptions: plus},
		want: map[string]userdb.User{
			"bob@example.com": with(pfaUser("bob@example.com", "example.com/bob"), func(u *userdb.User) {
				u.Home, u.Mail, u.QuotaRule = "/var/vmail", "example.com/bob/", "1073741824S"
			}),
			"ERIN@example.net": with(pfaUser("erin@example.net", "example.net/erin"), func(u *userdb.User) {
				u.Home, u.Mail, u.QuotaRule = "/var/vmail", "example.net/erin/", "0S"
			}),
		},
		notFound: []string{"dave@example.com"},
	},
	{
		name:   "postfixadmin-authmysqlrc",
		schema: postfixAdminSchema,
		userQuery: map[string]string{"": mustCourier(userdb.CourierFields{UserTable: "mailbox", LoginField: "username",
			HomeField: "'/var/vmail/'", MaildirField: "concat('/var/vmail/',maildir)", QuotaField: "concat(quota,'S')",
			UIDField: "1001", GIDField: "1001", WhereClause: "active='1'"})},
		opts: userdb.Options{AddressOptions: plus},
		want: map[string]userdb.User{
			"bob@example.com": with(pfaUser("bob@example.com", "example.com/bob"), func(u *userdb.User) {
				u.Home, u.Mail, u.QuotaRule = "/var/vmail", "/var/vmail/example.com/bob/", "1073741824S"
			}),
		},
		notFound: []string{"dave@example.com"},
	},
	{
		name:          "shisaa",
		schema:        shisaaSchema,
		conf:          map[string]string{"": "shisaa-pgsql.conf.ext"},
		pipesAsConcat: true,
		opts:          userdb.Options{AddressOptions: plus},
		want: map[string]userdb.User{
			"carol@example.com": {Address: "carol@example.com", Home: "/home/mail/example.com/carol", Mail: "~/Maildir",
				Maildir: "/home/mail/example.com/carol/Maildir", UID: 5000, GID: 5000,
				Extra: map[string]string{"email": "carol@example.com"}},
			"grace+a+b@example.org": {Address: "grace@example.org", Detail: "a+b", Home: "/home/mail/example.org/grace",
				Mail: "~/Maildir", Maildir: "/home/mail/example.org/grace/Maildir", UID: 5001, GID: 5002,
				Extra: map[string]string{"email": "grace@example.org"}},
		},
		notFound: []string{"bob@example.com"},
		users:    []string{"carol@example.com", "grace@example.org"},
	},
}

func with(u userdb.User, f func(*userdb.User)) userdb.User {
	f(&u)
	return u
}

// TestSQL_seeds runs every seed's schema and verbatim queries on SQLite,
// PostgreSQL and MariaDB and expects the same users from all three.
func TestSQL_seeds(t *testing.T) {
	t.Parallel()
	for _, kind := range dbKinds {
		for _, sc := range seedCases {
			t.Run(kind+"/"+sc.name, func(t *testing.T) {
				t.Parallel()
				tdb := openTestDB(t, kind, sc.pipesAsConcat)
				tdb.exec(t, sc.schema)
				userQuery, iterateQuery := sc.queries(t, kind)
				db, err := userdb.NewSQL(userdb.SQLOptions{Options: sc.opts, Driver: tdb.driver, DSN: tdb.dsn,
					UserQuery: userQuery, IterateQuery: iterateQuery})
				require.NoError(t, err)
				t.Cleanup(func() { db.Close() })
				for addr, want := range sc.want {
					got, err := db.Lookup(t.Context(), addr)
					require.NoError(t, err, addr)
					assert.Equal(t, want, got, addr)
				}
				for _, addr := range sc.notFound {
					_, err := db.Lookup(t.Context(), addr)
					require.ErrorIs(t, err, userdb.ErrNotFound, addr)
				}
				if iterateQuery != "" {
					users, err := db.Users(t.Context())
					require.NoError(t, err)
					assert.ElementsMatch(t, sc.users, users)
				}
			})
		}
	}
}

func mustCourier(c userdb.CourierFields) string {
	q, err := c.UserQuery()
	if err != nil {
		panic(err)
	}
	return q
}
