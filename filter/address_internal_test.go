package filter

import (
	"encoding/json"
	"os"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The expectations below were checked against Pigeonhole 0.5.19 with
// sieve-test (the address test's trace shows each address it reads).

func TestAddressEntries(t *testing.T) {
	t.Parallel()
	tests := []struct {
		value string
		want  []string // :all of each entry
	}{
		{"tim@shisaa.jp garbage", []string{"tim@shisaa.jp"}},
		{"tim@shisaa.jp;", []string{"tim@shisaa.jp"}},
		{"<@relay.example.net:tim@shisaa.jp>", []string{"tim@shisaa.jp"}},
		{"Tim <@a.example,@b.example:tim@shisaa.jp>", []string{"tim@shisaa.jp"}},
		{"undisclosed-recipients:;", []string{"undisclosed-recipients:;"}},
		{"friends: a@x.org, b@y.org;", []string{"a@x.org", "b@y.org"}},
		{"friends: a@x.org, b@y.org", []string{"a@x.org", "b@y.org"}},
		{"g: (c) ;, d@z.org", []string{"d@z.org"}},
		{"group: bad stuff; c@z.org", []string{"group: bad stuff; c@z.org"}},
		{`"john doe"@example.com`, []string{`"john doe"@example.com`}},
		{`"john"@example.com`, []string{"john@example.com"}},
		{"john.@example.com", []string{`"john."@example.com`}},
		{".john@example.com", []string{`".john"@example.com`}},
		{"jo..hn@example.com", []string{`"jo..hn"@example.com`}},
		{`"quoted\"x"@example.com`, []string{`"quoted\"x"@example.com`}},
		{"john (comment) @ example (c2) . com", []string{"john@example.com"}},
		{"John <john@example.com> (trailer)", []string{"john@example.com"}},
		{"john", []string{"john"}},
		{"john@", []string{"john@"}},
		{"@example.com", []string{"@example.com"}},
		{"(only a comment)", nil},
		{"", []string{""}},
		{"a@x.org, garbage, b@y.org", []string{"a@x.org", "b@y.org"}},
		{"a@x.org, , b@y.org", []string{"a@x.org", "b@y.org"}},
		{"Doe, John <j@example.com>", []string{"j@example.com"}},
		{"a@x.org,", []string{"a@x.org"}},
		{"Jörg <joerg@example.com>", []string{"joerg@example.com"}},
		{"jörg@example.com", []string{"jörg@example.com"}},
		{"a@[127.0.0.1]", []string{"a@[127.0.0.1]"}},
		{`a@[1\.2]`, []string{`a@[1\.2]`}},
		{`""@example.com`, nil},
		{`"a b"@Example.COM`, []string{`"a b"@Example.COM`}},
		{"<a@x.org", []string{"<a@x.org"}},
		{"A <a@x.org>, <b@y.org> c", []string{"a@x.org", "b@y.org"}},
		{"x <a@x.org> y <b@y.org>", []string{"a@x.org"}},
		{"a@x.org b@y.org", []string{"a@x.org"}},
		{"<>", []string{"<>"}},
		{"a@x.org (unterminated", []string{"a@x.org (unterminated"}},
		{`"unterminated@x.org`, []string{`"unterminated@x.org`}},
		{"=?UTF-8?Q?J=C3=B6rg?= <j@example.com>", []string{"j@example.com"}},
		{"Tim\r\n <tim@shisaa.jp>", []string{"tim@shisaa.jp"}},
	}
	for _, tt := range tests {
		t.Run(tt.value, func(t *testing.T) {
			t.Parallel()
			var got []string
			for _, e := range addressEntries(tt.value) {
				v, ok := e.part("all")
				require.True(t, ok)
				got = append(got, v)
			}
			assert.Equal(t, tt.want, got)
		})
	}
}

// TestAddressEntriesLikePigeonhole checks the parser against what
// Pigeonhole's address test saw in several hundred header values, well
// formed and broken (testdata/address/lists.json; TestAddressListsPigeonhole
// checks that file against real Pigeonhole).
func TestAddressEntriesLikePigeonhole(t *testing.T) {
	t.Parallel()
	data, err := os.ReadFile("testdata/address/lists.json")
	require.NoError(t, err)
	var lists []struct {
		Value string   `json:"value"`
		Seen  []string `json:"seen"`
		Whole bool     `json:"whole"`
	}
	require.NoError(t, json.Unmarshal(data, &lists))
	require.NotEmpty(t, lists)
	for _, l := range lists {
		got, whole := []string{}, false
		for _, e := range addressEntries(l.Value) {
			v, _ := e.part("all")
			got, whole = append(got, v), !e.parsed
		}
		assert.Equal(t, l.Seen, got, "%q", l.Value)
		assert.Equal(t, l.Whole, whole, "%q", l.Value)
	}
}

func TestAddrEntryPart(t *testing.T) {
	t.Parallel()
	tests := []struct {
		value, part, want string
		ok                bool
	}{
		{`"John Doe+x"@Example.com`, "all", `"John Doe+x"@Example.com`, true},
		{`"John Doe+x"@Example.com`, "localpart", "John Doe+x", true},
		{`"John Doe+x"@Example.com`, "domain", "Example.com", true},
		{`"John Doe+x"@Example.com`, "user", "John Doe", true},
		{`"John Doe+x"@Example.com`, "detail", "x", true},
		{"tim@shisaa.jp", "detail", "", false},
		{"tim+@shisaa.jp", "detail", "", true},
		{"john", "all", "john", true},
		{"john", "localpart", "", false},
		{"john", "detail", "", false},
		{"", "detail", "", true},
		{"", "domain", "", true},
	}
	for _, tt := range tests {
		t.Run(tt.value+"/"+tt.part, func(t *testing.T) {
			t.Parallel()
			entries := addressEntries(tt.value)
			require.Len(t, entries, 1)
			got, ok := entries[0].part(tt.part)
			assert.Equal(t, tt.ok, ok)
			if ok {
				assert.Equal(t, tt.want, got)
			}
		})
	}
}

// TestListHasAddressLikePigeonhole checks the vacation recipient check
// against Pigeonhole's replies (testdata/address/vacation_to.json;
// TestVacationToPigeonhole checks that file against real Pigeonhole).
func TestListHasAddressLikePigeonhole(t *testing.T) {
	t.Parallel()
	data, err := os.ReadFile("testdata/address/vacation_to.json")
	require.NoError(t, err)
	var want []struct {
		To    string `json:"to"`
		Reply bool   `json:"reply"`
	}
	require.NoError(t, json.Unmarshal(data, &want))
	require.NotEmpty(t, want)
	tim := []mailAddr{{local: "tim", domain: "shisaa.jp"}}
	for _, w := range want {
		assert.Equal(t, w.Reply, listHasAddress(w.To, tim), "%q", w.To)
	}
}

func TestListHasAddress(t *testing.T) {
	t.Parallel()
	tim := []mailAddr{{local: "tim", domain: "shisaa.jp"}}
	tests := []struct {
		value string
		want  bool
	}{
		{"tim@shisaa.jp garbage", true},
		{"<tim@shisaa.jp", true}, // a syntax error still counts for vacation
		{"Tim <tim@shisaa.jp> garbage", true},
		{"TIM@SHISAA.JP", true},
		{`"tim"@shisaa.jp`, true},
		{"g: bad stuff, tim@shisaa.jp;", true},
		{"<tim@shisaa.jp> <b@y.org>", true},
		{"<b@y.org> <tim@shisaa.jp>", false},
		{"tim@shisaa.jp (unterminated", false},
		{"tim", false},
		{"tim@[shisaa.jp]", false},
		{"group: bad stuff; tim@shisaa.jp", false},
		{"a@x.org b tim@shisaa.jp", false},
	}
	for _, tt := range tests {
		t.Run(tt.value, func(t *testing.T) {
			t.Parallel()
			assert.Equal(t, tt.want, listHasAddress(tt.value, tim))
		})
	}
}

func BenchmarkAddressEntries(b *testing.B) {
	const value = `"Doe, John" <john@example.com>, team: a@x.org, (c) b@y.org;, Tim <@relay.example.net:tim@shisaa.jp>`
	for b.Loop() {
		if len(addressEntries(value)) != 4 {
			b.Fatal("want 4 addresses")
		}
	}
}

func BenchmarkParseMailbox(b *testing.B) {
	for b.Loop() {
		if _, err := parseMailbox("Tim Other <Tim.Other@Example.NET> (work)"); err != nil {
			b.Fatal(err)
		}
	}
}
