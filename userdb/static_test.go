package userdb_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/letterbox-mail/letterbox/userdb"
)

func TestStatic_Lookup(t *testing.T) {
	t.Parallel()
	s, err := userdb.NewStatic(userdb.StaticOptions{
		Options: userdb.Options{AddressOptions: userdb.AddressOptions{RecipientDelimiter: "+"},
			DefaultMail: "maildir:~/Maildir"},
		Home: "/var/vmail/%d/%n", UID: 5000, GID: 5000, QuotaRule: "*:bytes=1G",
		Domains: []string{"Example.com"}, Extra: map[string]string{"userdb_sieve": "~/sieve/main.sieve"},
	})
	require.NoError(t, err)
	u, err := s.Lookup(t.Context(), "Bob+Lists@EXAMPLE.com")
	require.NoError(t, err)
	assert.Equal(t, userdb.User{Address: "bob@example.com", Detail: "lists", Home: "/var/vmail/example.com/bob",
		Mail: "maildir:~/Maildir", Maildir: "/var/vmail/example.com/bob/Maildir", UID: 5000, GID: 5000,
		QuotaRule: "*:bytes=1G", Extra: map[string]string{"sieve": "~/sieve/main.sieve"}}, u)

	_, err = s.Lookup(t.Context(), "bob@example.org")
	require.ErrorIs(t, err, userdb.ErrNotFound)
	noDomains, err := userdb.NewStatic(userdb.StaticOptions{Home: "/var/vmail/%d/%n"})
	require.NoError(t, err)
	_, err = noDomains.Lookup(t.Context(), "example.com")
	require.ErrorIs(t, err, userdb.ErrInvalidAddress)
	for _, bad := range []string{"../etc@example.com", "a/b@example.com", ".@example.com", `a\b@example.com`} {
		_, err = s.Lookup(t.Context(), bad)
		require.ErrorIs(t, err, userdb.ErrInvalidAddress, bad)
	}
}

func TestStatic_zeroIDsUnset(t *testing.T) {
	t.Parallel()
	s, err := userdb.NewStatic(userdb.StaticOptions{Options: userdb.Options{DefaultMail: "maildir:/m/%d/%n"}})
	require.NoError(t, err)
	u, err := s.Lookup(t.Context(), "x@y.example")
	require.NoError(t, err)
	assert.Equal(t, userdb.User{Address: "x@y.example", Mail: "maildir:/m/y.example/x", Maildir: "/m/y.example/x",
		UID: -1, GID: -1}, u)
}

func TestNewStatic_errors(t *testing.T) {
	t.Parallel()
	for _, o := range []userdb.StaticOptions{
		{Home: "/var/vmail/%x"},
		{Options: userdb.Options{DefaultMail: "%{nope}"}},
		{Options: userdb.Options{BaseDir: "relative"}},
	} {
		_, err := userdb.NewStatic(o)
		require.Error(t, err)
	}
	s, err := userdb.NewStatic(userdb.StaticOptions{Home: "vmail/%d/%n"})
	require.NoError(t, err)
	_, err = s.Lookup(t.Context(), "a@b.example")
	require.ErrorIs(t, err, userdb.ErrIncomplete)
}
