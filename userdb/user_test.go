package userdb

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestResolverUser(t *testing.T) {
	t.Parallel()
	bob := Address{Local: "bob", Domain: "example.com"}
	tests := []struct {
		name string
		opts Options
		rec  record
		want User
	}{
		{"dovecot mail relative to home", Options{},
			record{"home": "/home/bob", "mail": "maildir:~/Maildir:LAYOUT=fs"},
			User{Home: "/home/bob", Mail: "maildir:~/Maildir:LAYOUT=fs", Maildir: "/home/bob/Maildir"}},
		{"Maildir:~/", Options{}, record{"home": "/home/bob/", "mail": "Maildir:~/"},
			User{Home: "/home/bob", Mail: "Maildir:~/", Maildir: "/home/bob"}},
		{"absolute mail", Options{}, record{"mail": "maildir:/var/vmail/example.com/bob"},
			User{Mail: "maildir:/var/vmail/example.com/bob", Maildir: "/var/vmail/example.com/bob"}},
		{"postfix admin maildir against base", Options{BaseDir: "/var/vmail"}, record{"maildir": "example.com/bob/"},
			User{Mail: "example.com/bob/", Maildir: "/var/vmail/example.com/bob"}},
		{"courier maildir against home", Options{BaseDir: "/elsewhere"},
			record{"home": "/var/vmail", "maildir": "example.com/bob/"},
			User{Home: "/var/vmail", Mail: "example.com/bob/", Maildir: "/var/vmail/example.com/bob"}},
		{"mail wins over maildir", Options{}, record{"mail": "/a", "maildir": "/b"},
			User{Mail: "/a", Maildir: "/a"}},
		{"default mail", Options{}, record{"home": "/home/bob"},
			User{Home: "/home/bob", Mail: "~/Maildir", Maildir: "/home/bob/Maildir"}},
		{"default mail template", Options{DefaultMail: "maildir:/var/vmail/%d/%n"}, record{},
			User{Mail: "maildir:/var/vmail/example.com/bob", Maildir: "/var/vmail/example.com/bob"}},
		{"relative home against base", Options{BaseDir: "/var/vmail"}, record{"home": "example.com/bob"},
			User{Home: "/var/vmail/example.com/bob", Mail: "~/Maildir", Maildir: "/var/vmail/example.com/bob/Maildir"}},
		{"ids, quota bytes, extra", Options{},
			record{"home": "/h", "uid": "5000", "gid": "5001", "quota": "1048576", "sieve": "/h/s.sieve"},
			User{Home: "/h", Mail: "~/Maildir", Maildir: "/h/Maildir", UID: 5000, GID: 5001,
				QuotaRule: "1048576S", Extra: map[string]string{"sieve": "/h/s.sieve"}}},
		{"courier quota kept", Options{}, record{"home": "/h", "quota": "100S,10C"},
			User{Home: "/h", Mail: "~/Maildir", Maildir: "/h/Maildir", QuotaRule: "100S,10C"}},
		{"zero quota is unlimited", Options{}, record{"home": "/h", "quota": "0"},
			User{Home: "/h", Mail: "~/Maildir", Maildir: "/h/Maildir"}},
		{"quota_rule wins", Options{}, record{"home": "/h", "quota": "5", "quota_rule": "*:bytes=1G"},
			User{Home: "/h", Mail: "~/Maildir", Maildir: "/h/Maildir", QuotaRule: "*:bytes=1G"}},
		{"user field is canonical", Options{}, record{"home": "/h", "user": "Bob@Example.com"},
			User{Address: "Bob@Example.com", Home: "/h", Mail: "~/Maildir", Maildir: "/h/Maildir"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			rs, err := newResolver(tc.opts)
			require.NoError(t, err)
			got, err := rs.user(bob, tc.rec)
			require.NoError(t, err)
			want := tc.want
			if want.Address == "" {
				want.Address = "bob@example.com"
			}
			if want.UID == 0 {
				want.UID, want.GID = -1, -1
			}
			assert.Equal(t, want, got)
		})
	}
}

func TestResolverUser_incomplete(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		rec  record
	}{
		{"relative without home or base", record{"maildir": "example.com/bob/"}},
		{"tilde without home", record{"mail": "maildir:~/Maildir"}},
		{"mbox", record{"home": "/h", "mail": "mbox:~/mail"}},
		{"empty maildir path", record{"home": "/h", "mail": "maildir:"}},
		{"unknown uid name", record{"home": "/h", "uid": "no-such-user-letterbox"}},
		{"unknown gid name", record{"home": "/h", "gid": "no-such-group-letterbox"}},
	}
	rs, err := newResolver(Options{})
	require.NoError(t, err)
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			_, err := rs.user(Address{Local: "bob", Domain: "example.com"}, tc.rec)
			require.ErrorIs(t, err, ErrIncomplete)
		})
	}
}

func TestRecordSet(t *testing.T) {
	t.Parallel()
	r := record{}
	r.set("USERDB_Quota_Rule", "*:bytes=1")
	r.set("Home", "/h")
	assert.Equal(t, record{"quota_rule": "*:bytes=1", "home": "/h"}, r)
}

func TestCourierFields_UserQuery(t *testing.T) {
	t.Parallel()
	q, err := CourierFields{UserTable: "passwd"}.UserQuery()
	require.NoError(t, err)
	assert.Equal(t, "SELECT home AS home, uid AS uid, gid AS gid FROM passwd WHERE id = '%u'", q)
	q, err = CourierFields{UserTable: "mailbox", LoginField: "username", HomeField: "'/var/vmail'",
		MaildirField: "maildir", QuotaField: "concat(quota,'S')", UIDField: "1001", GIDField: "1001",
		WhereClause: "active='1'"}.UserQuery()
	require.NoError(t, err)
	assert.Equal(t, "SELECT '/var/vmail' AS home, maildir AS maildir, concat(quota,'S') AS quota, "+
		"1001 AS uid, 1001 AS gid FROM mailbox WHERE username = '%u' AND (active='1')", q)
	_, err = CourierFields{}.UserQuery()
	require.Error(t, err)
}

func TestDriverInfo_linked(t *testing.T) {
	t.Parallel()
	err := driverInfo{name: "letterbox-missing", dialect: dialectPostgres}.linked()
	require.EqualError(t, err, `userdb: SQL driver "letterbox-missing" is not linked in: `+
		`import _ "github.com/letterbox-mail/letterbox/userdb/postgres"`)
}
