package userdb_test

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/letterbox-mail/letterbox/userdb"
)

func TestParseAddress(t *testing.T) {
	t.Parallel()
	plus := userdb.AddressOptions{RecipientDelimiter: "+"}
	tests := []struct {
		name string
		in   string
		opts userdb.AddressOptions
		want userdb.Address
	}{
		{"lower-cases both parts", "Bob@Example.COM", userdb.AddressOptions{},
			userdb.Address{Local: "bob", Domain: "example.com"}},
		{"keeps local case", "Bob@Example.COM", userdb.AddressOptions{KeepLocalCase: true},
			userdb.Address{Local: "Bob", Domain: "example.com"}},
		{"detail", "bob+work@example.com", plus,
			userdb.Address{Local: "bob", Delimiter: "+", Detail: "work", Domain: "example.com"}},
		{"no delimiter configured", "bob+work@example.com", userdb.AddressOptions{},
			userdb.Address{Local: "bob+work", Domain: "example.com"}},
		{"first of several delimiters", "bob-x+y@example.com", userdb.AddressOptions{RecipientDelimiter: "+-"},
			userdb.Address{Local: "bob", Delimiter: "-", Detail: "x+y", Domain: "example.com"}},
		{"empty detail", "bob+@example.com", plus,
			userdb.Address{Local: "bob", Delimiter: "+", Domain: "example.com"}},
		{"leading delimiter is not split", "+bob@example.com", plus,
			userdb.Address{Local: "+bob", Domain: "example.com"}},
		{"no domain", "Bob", userdb.AddressOptions{},
			userdb.Address{Local: "bob"}},
		{"quoted local part with @", `"a@b"@example.com`, userdb.AddressOptions{},
			userdb.Address{Local: `"a@b"`, Domain: "example.com"}},
		{"64-octet local part", strings.Repeat("a", 64) + "@example.com", userdb.AddressOptions{},
			userdb.Address{Local: strings.Repeat("a", 64), Domain: "example.com"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			got, err := userdb.ParseAddress(tc.in, tc.opts)
			require.NoError(t, err)
			assert.Equal(t, tc.want, got)
		})
	}
}

func TestParseAddress_refused(t *testing.T) {
	t.Parallel()
	tests := []struct{ name, in, reason string }{
		{"empty", "", "empty local part"},
		{"no local part", "@example.com", "empty local part"},
		{"empty domain", "bob@", "empty domain"},
		{"NUL", "bob\x00@example.com", "control character"},
		{"newline", "bob\n@example.com", "control character"},
		{"DEL", "bob\x7f@example.com", "control character"},
		{"C1 control", "bob\u0085@example.com", "control character"},
		{"invalid UTF-8", "bob\xff@example.com", "not valid UTF-8"},
		{"local part too long", strings.Repeat("a", 65) + "@example.com", "local part longer than 64 octets"},
		{"domain too long", "a@" + strings.Repeat("d", 256), "domain longer than 255 octets"},
		{"address too long", "a@" + strings.Repeat("d", 253), "address longer than 254 octets"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			_, err := userdb.ParseAddress(tc.in, userdb.AddressOptions{})
			require.ErrorIs(t, err, userdb.ErrInvalidAddress)
			var ae *userdb.AddressError
			require.ErrorAs(t, err, &ae)
			assert.Equal(t, tc.reason, ae.Reason)
		})
	}
}

func TestAddress_String(t *testing.T) {
	t.Parallel()
	a := userdb.Address{Local: "bob", Delimiter: "+", Detail: "work", Domain: "example.com"}
	assert.Equal(t, "bob@example.com", a.String())
	assert.Equal(t, "bob+work@example.com", a.Full())
	assert.Equal(t, "bob", userdb.Address{Local: "bob"}.String())
}
