package userdb_test

import (
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/letterbox-mail/letterbox/userdb"
)

func newPasswdFile(t *testing.T, path string) *userdb.PasswdFile {
	t.Helper()
	p, err := userdb.NewPasswdFile(userdb.PasswdFileOptions{
		Options: userdb.Options{AddressOptions: userdb.AddressOptions{RecipientDelimiter: "+"}},
		Path:    path,
	})
	require.NoError(t, err)
	return p
}

func TestPasswdFile_Lookup(t *testing.T) {
	t.Parallel()
	p := newPasswdFile(t, "testdata/users")
	tests := []struct {
		in   string
		want userdb.User
	}{
		{"bob@example.com", userdb.User{Address: "bob@example.com", Home: "/var/vmail/example.com/bob",
			Mail: "maildir:~/Maildir", Maildir: "/var/vmail/example.com/bob/Maildir", UID: 5000, GID: 5000,
			QuotaRule: "*:bytes=100M", Extra: map[string]string{"sieve": "~/.dovecot.sieve"}}},
		{"BOB+Work@EXAMPLE.com", userdb.User{Address: "bob@example.com", Detail: "work",
			Home: "/var/vmail/example.com/bob", Mail: "maildir:~/Maildir",
			Maildir: "/var/vmail/example.com/bob/Maildir", UID: 5000, GID: 5000,
			QuotaRule: "*:bytes=100M", Extra: map[string]string{"sieve": "~/.dovecot.sieve"}}},
		{"bob+list@example.com", userdb.User{Address: "bob+list@example.com", Home: "/var/vmail/example.com/bob-list",
			Mail: "~/Maildir", Maildir: "/var/vmail/example.com/bob-list/Maildir", UID: 5000, GID: 5000}},
		{"alice@example.com", userdb.User{Address: "alice@example.com", Home: "/var/vmail/example.com/alice",
			Mail: "~/Maildir", Maildir: "/var/vmail/example.com/alice/Maildir", UID: 5000, GID: 5001}},
		{"sys", userdb.User{Address: "sys", Home: "/home/sys", Mail: "~/Maildir", Maildir: "/home/sys/Maildir",
			UID: 1000, GID: 1000}},
		{"nohome@example.org", userdb.User{Address: "nohome@example.org", Mail: "maildir:/srv/mail/example.org/nohome",
			Maildir: "/srv/mail/example.org/nohome", UID: 6000, GID: -1}},
	}
	for _, tc := range tests {
		t.Run(tc.in, func(t *testing.T) {
			t.Parallel()
			got, err := p.Lookup(t.Context(), tc.in)
			require.NoError(t, err)
			assert.Equal(t, tc.want, got)
		})
	}
	_, err := p.Lookup(t.Context(), "carol@example.com")
	require.ErrorIs(t, err, userdb.ErrNotFound)
	users, err := p.Users(t.Context())
	require.NoError(t, err)
	assert.Equal(t, []string{"bob@example.com", "Alice@Example.com", "bob+list@example.com", "sys", "nohome@example.org"}, users)
}

func TestPasswdFile_reload(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "users")
	require.NoError(t, os.WriteFile(path, []byte("a@example.com:x:1:1::/home/a\n"), 0o600))
	p := newPasswdFile(t, path)
	_, err := p.Lookup(t.Context(), "b@example.com")
	require.ErrorIs(t, err, userdb.ErrNotFound)

	next := path + ".new"
	require.NoError(t, os.WriteFile(next, []byte("a@example.com:x:1:1::/home/a\nb@example.com:x:2:2::/home/b\n"), 0o600))
	require.NoError(t, os.Rename(next, path))
	u, err := p.Lookup(t.Context(), "b@example.com")
	require.NoError(t, err)
	assert.Equal(t, "/home/b", u.Home)

	// Edited in place: the size changes.
	require.NoError(t, os.WriteFile(path, []byte("b@example.com:x:2:2::/home/b2\n"), 0o600))
	u, err = p.Lookup(t.Context(), "b@example.com")
	require.NoError(t, err)
	assert.Equal(t, "/home/b2", u.Home)
}

func TestPasswdFile_brokenFileIsNotNotFound(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "users")
	require.NoError(t, os.WriteFile(path, []byte("a@example.com:x:1:1::/home/a\n"), 0o600))
	p := newPasswdFile(t, path)

	require.NoError(t, os.WriteFile(path, []byte("a@example.com:x:1:1::/home/a\na@example.com:x:1:1::/home/a\n"), 0o600))
	_, err := p.Lookup(t.Context(), "a@example.com")
	var be *userdb.BackendError
	require.ErrorAs(t, err, &be)
	assert.Equal(t, "passwd-file("+path+")", be.Backend)
	assert.NotErrorIs(t, err, userdb.ErrNotFound)
	assert.ErrorContains(t, err, "line 2: duplicate user a@example.com")

	require.NoError(t, os.Remove(path))
	_, err = p.Lookup(t.Context(), "a@example.com")
	require.ErrorAs(t, err, &be)
	assert.NotErrorIs(t, err, userdb.ErrNotFound)
}

func TestNewPasswdFile_errors(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad")
	require.NoError(t, os.WriteFile(bad, []byte("ok@example.com:x\n:x:1:1\n"), 0o600))
	for _, path := range []string{filepath.Join(dir, "missing"), bad} {
		_, err := userdb.NewPasswdFile(userdb.PasswdFileOptions{Path: path})
		var be *userdb.BackendError
		require.ErrorAs(t, err, &be, path)
	}
}

func TestPasswdFile_perDomain(t *testing.T) {
	t.Parallel()
	p, err := userdb.NewPasswdFile(userdb.PasswdFileOptions{Path: "testdata/passwd.d/%d", UsernameFormat: "%n",
		Options: userdb.Options{AddressOptions: userdb.AddressOptions{RecipientDelimiter: "+"}}})
	require.NoError(t, err)
	u, err := p.Lookup(t.Context(), "Bob+x@Example.com")
	require.NoError(t, err)
	assert.Equal(t, userdb.User{Address: "bob@example.com", Detail: "x", Home: "/var/vmail/example.com/bob",
		Mail: "~/Maildir", Maildir: "/var/vmail/example.com/bob/Maildir", UID: 5000, GID: 5000}, u)

	_, err = p.Lookup(t.Context(), "amy@example.com")
	require.ErrorIs(t, err, userdb.ErrNotFound)

	_, err = p.Lookup(t.Context(), "bob@example.org")
	var be *userdb.BackendError
	require.ErrorAs(t, err, &be, "no file for the domain")

	for _, bad := range []string{"bob@..", "bob@a/b", "bob"} {
		_, err = p.Lookup(t.Context(), bad)
		require.ErrorIs(t, err, userdb.ErrInvalidAddress, bad)
	}
	_, err = p.Users(t.Context())
	require.ErrorIs(t, err, errors.ErrUnsupported)
}
