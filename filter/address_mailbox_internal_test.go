package filter

import (
	"encoding/json"
	"os"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The expectations below were checked against Pigeonhole 0.5.19: a
// redirect with each string, in a dry run of sieve-test.

func TestParseMailbox(t *testing.T) {
	t.Parallel()
	tests := []struct{ in, want string }{
		{"Tim Other <tim@example.net>", "tim@example.net"},
		{"tim@example.net (Tim)", "tim@example.net"},
		{"<tim@example.net>", "tim@example.net"},
		{"Bob@Example.NET", "Bob@example.net"},
		{`"john doe"@example.net`, `"john doe"@example.net`},
		{`"john"@Example.net`, "john@example.net"},
		{"john.@example.net", `"john."@example.net`},
		{".john@example.net", `".john"@example.net`},
		{"jo..hn@example.net", `"jo..hn"@example.net`},
		{"john (c) @ example (c2) . net", "john@example.net"},
		{" tim@example.net ", "tim@example.net"},
		{`"Tim" <tim@example.net>`, "tim@example.net"},
		{"Jörg <tim@example.net>", "tim@example.net"},
		{"tim@[127.0.0.1]", "tim@[127.0.0.1]"},
		{`"a\"b"@example.net`, `"a\"b"@example.net`},
		{"<tim@example.net> (x)", "tim@example.net"},
		{"tim@exa_mple.net", "tim@exa_mple.net"},
		{"Tim.Other <tim@example.net>", "tim@example.net"},
		{"tim@EXÄMPLE.net", "tim@exÄmple.net"}, // ASCII letters only
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			t.Parallel()
			a, err := parseMailbox(tt.in)
			require.NoError(t, err)
			assert.Equal(t, tt.want, a.String())
		})
	}
}

// TestParseMailboxLikePigeonhole checks the parser against Pigeonhole's
// verdict on a few hundred redirect addresses, valid and broken
// (testdata/address/script_addresses.json; TestScriptAddressesPigeonhole
// checks that file against real Pigeonhole).
func TestParseMailboxLikePigeonhole(t *testing.T) {
	t.Parallel()
	data, err := os.ReadFile("testdata/address/script_addresses.json")
	require.NoError(t, err)
	var want []struct{ Address, To, Error string }
	require.NoError(t, json.Unmarshal(data, &want))
	require.NotEmpty(t, want)
	for _, w := range want {
		a, err := parseMailbox(w.Address)
		if w.Error != "" {
			if assert.Error(t, err, "%q", w.Address) {
				assert.Equal(t, w.Error, err.Error(), "%q", w.Address)
			}
			continue
		}
		if assert.NoError(t, err, "%q", w.Address) {
			assert.Equal(t, w.To, a.String(), "%q", w.Address)
		}
	}
}

func TestParseMailboxInvalid(t *testing.T) {
	t.Parallel()
	tests := []struct{ in, want string }{
		{"tim@example.net garbage", "address ends in invalid characters"},
		{"Tim <tim@example.net> garbage", "address ends in invalid characters"},
		{"tim@example.net,", "not a single address (found ',')"},
		{"tim@example.net, b@y.org", "not a single address (found ',')"},
		{"<@relay.x:tim@example.net>", "invalid local part"},
		{"group: tim@example.net;", "invalid or lonely local part 'group' (expecting '@')"},
		{"tim", "invalid or lonely local part 'tim' (expecting '@')"},
		{"tim@", "invalid or missing domain"},
		{"@example.net", "invalid local part"},
		{"<tim@example.net", "missing '>'"},
		{"<>", "invalid local part"},
		{"", "empty address"},
		{"jörg@example.net", "invalid local part"},
		{"tim@example.net (unterminated", "invalid or missing domain"},
		{"tim@example..net", "invalid or missing domain"},
		{"tim@.example.net", "invalid or missing domain"},
		{"tim@example.net.", "invalid or missing domain"},
		{". <tim@example.net>", "invalid local part"},
		{"not an address", "invalid or lonely local part 'not' (expecting '@')"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			t.Parallel()
			_, err := parseMailbox(tt.in)
			require.Error(t, err)
			assert.Equal(t, tt.want, err.Error())
		})
	}
}

func TestEncodeAddr(t *testing.T) {
	t.Parallel()
	tests := []struct{ local, domain, want string }{
		{"tim", "shisaa.jp", "tim@shisaa.jp"},
		{"tim.other", "shisaa.jp", "tim.other@shisaa.jp"},
		{"john doe", "x.org", `"john doe"@x.org`},
		{`a"b\c`, "x.org", `"a\"b\\c"@x.org`},
		{"tim.", "x.org", `"tim."@x.org`},
		{"", "x.org", `""@x.org`},
		{"tim", "", "tim"},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, encodeAddr(tt.local, tt.domain), "%q %q", tt.local, tt.domain)
	}
}

func TestOwnAddress(t *testing.T) {
	t.Parallel()
	assert.Equal(t, mailAddr{local: "Tim", domain: "shisaa.jp"}, ownAddress("Tim@SHISAA.jp"))
	assert.Equal(t, mailAddr{local: "tim", domain: "shisaa.jp"}, ownAddress("<tim@shisaa.jp>"))
	assert.Equal(t, mailAddr{local: "tim", domain: ""}, ownAddress("tim"))
	assert.True(t, ownAddress("TIM@shisaa.jp").equalFold(ownAddress("tim@SHISAA.JP")))
	assert.False(t, ownAddress("tim@shisaa.jp").equalFold(ownAddress("tom@shisaa.jp")))
}

// FuzzParseMailbox checks that a script address never panics the parser
// and that what it accepts is written back in a form it reads the same.
func FuzzParseMailbox(f *testing.F) {
	for _, s := range []string{"Tim <tim@example.net>", `"a\"b"@x.org (c)`, "tim@[1\\.2]", "<@r:t@x>", ".a..b.@c"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		a, err := parseMailbox(s)
		if err != nil {
			return
		}
		b, err := parseMailbox(a.String())
		require.NoError(t, err, "%q -> %q", s, a.String())
		assert.Equal(t, a, b)
	})
}

// FuzzParseAddressList checks that the header parser never panics and
// that every address it finds is one a script could name.
func FuzzParseAddressList(f *testing.F) {
	for _, s := range []string{"tim@shisaa.jp garbage", "g: a@x.y, (c) b@x.y;, c@x.y",
		"<@relay.example.net:tim@shisaa.jp>", `"john doe"@example.com`, "a@x.org (unterminated"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, e := range addressEntries(s) {
			if !e.parsed {
				continue
			}
			all, _ := e.part("all")
			a, err := parseMailbox(all)
			require.NoError(t, err, "%q -> %q", s, all)
			assert.Equal(t, e.local, a.local)
		}
	})
}
