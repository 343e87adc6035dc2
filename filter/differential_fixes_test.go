package filter_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/letterbox-mail/letterbox/filter"
)

// TestDifferentialFixes covers behaviours a generative differential test
// against Pigeonhole found: :count with a non-numeric comparator in
// address and date, :is with i;ascii-numeric (body, empty values), keep
// merged with fileinto "inbox", and ASCII-only case modifiers of set.
func TestDifferentialFixes(t *testing.T) {
	t.Parallel()
	const twoTo = "From: a@example.org\r\nTo: tim@shisaa.jp, Bob <bob@example.org>\r\n" +
		"Cc: g: x@y.z, w@y.z;\r\nSubject: x\r\nX-N: 7 days\r\nX-E:\r\n" +
		"Date: Mon, 15 Jan 2024 09:12:40 +0900\r\n\r\n42 apples\r\n"
	tests := []struct {
		name, src string
		want      []string
	}{
		{"address count casemap orders as strings",
			`if address :count "gt" :comparator "i;ascii-casemap" "to" "10" { fileinto "A"; }`, []string{"A"}},
		{"address count default comparator orders as strings",
			`if address :count "gt" "to" "10" { fileinto "A"; }`, []string{"A"}},
		{"address count octet over two headers",
			`if address :count "eq" :comparator "i;octet" ["to", "cc"] "4" { fileinto "A"; }`, []string{"A"}},
		{"address count numeric",
			`if address :count "gt" :comparator "i;ascii-numeric" "to" "10" { fileinto "A"; }`, []string{"INBOX"}},
		{"body is numeric equal",
			`if body :is :comparator "i;ascii-numeric" "042" { fileinto "A"; }`, []string{"A"}},
		{"body is numeric differs",
			`if body :raw :is :comparator "i;ascii-numeric" "41" { fileinto "A"; }`, []string{"INBOX"}},
		{"body is numeric non-digit key",
			`if body :is :comparator "i;ascii-numeric" "abc" { fileinto "A"; }`, []string{"INBOX"}},
		{"keep after fileinto inbox",
			`fileinto "Inbox"; keep;`, []string{"INBOX"}},
		{"keep before fileinto inbox",
			`keep; fileinto "inbox";`, []string{"INBOX"}},
		{"two fileinto inbox keep the first name",
			`fileinto "inbox"; fileinto "Inbox";`, []string{"inbox"}},
		{"case modifiers change ASCII letters only",
			`set :lowerfirst "a" "ÄÖü"; set :upperfirst "b" "éa"; set :lower "c" "ÄB"; set :upper :lowerfirst "d" "ärger";
fileinto "${a}-${b}-${c}-${d}";`, []string{"ÄÖü-éa-Äb-äRGER"}},
		{"case modifier before quotewildcard and length",
			`set :upper :quotewildcard "a" "é*x"; set :length "c" "${a}"; set :length :lower "b" "ÄB";
fileinto "${b}-${c}";`, []string{"2-4"}},
		{"date count octet orders as strings",
			`if date :count "gt" :comparator "i;octet" "date" "year" "09" { fileinto "A"; }`, []string{"A"}},
		{"string is numeric empty value needs empty key",
			`if string :is :comparator "i;ascii-numeric" "" "abc" { fileinto "A"; }`, []string{"INBOX"}},
		{"string is numeric empty key equals non-number",
			`if string :is :comparator "i;ascii-numeric" "abc" "" { fileinto "A"; }`, []string{"A"}},
		{"header is numeric leading zeros",
			`if header :is :comparator "i;ascii-numeric" "x-n" "007" { fileinto "A"; }`, []string{"A"}},
		{"header count numeric key without digits is infinity",
			`if header :count "lt" :comparator "i;ascii-numeric" "subject" "abc" { fileinto "A"; }`, []string{"A"}},
		{"header count numeric key leading digits",
			`if header :count "lt" :comparator "i;ascii-numeric" "subject" "1x" { fileinto "A"; }`, []string{"INBOX"}},
		{"hasflag count numeric empty key",
			`if hasflag :count "ne" :comparator "i;ascii-numeric" "" { fileinto "A"; }`, []string{"A"}},
		{"address count numeric key without digits",
			`if address :count "lt" :comparator "i;ascii-numeric" "to" "x1" { fileinto "A"; }`, []string{"A"}},
		{"body count numeric key without digits",
			`if body :count "lt" :comparator "i;ascii-numeric" "abc" { fileinto "A"; }`, []string{"A"}},
		{"address detail count counts addresses without a detail",
			`if address :detail :count "eq" :comparator "i;ascii-numeric" "from" "1" { fileinto "A"; }`, []string{"A"}},
		{"header is numeric empty header",
			`if header :is :comparator "i;ascii-numeric" "x-e" "abc" { fileinto "A"; }`, []string{"INBOX"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			src := `require ["relational", "fileinto", "body", "comparator-i;ascii-numeric", "variables", "date", "imap4flags", "subaddress"];` + "\n" + tt.src
			res, err := runMsg(t, src, twoTo)
			require.NoError(t, err)
			assert.Equal(t, tt.want, stores(res))
		})
	}
}

// TestDifferentialFixes_bodyNumericSubstring checks that i;ascii-numeric
// still rejects the substring match types in body.
func TestDifferentialFixes_bodyNumericSubstring(t *testing.T) {
	t.Parallel()
	for _, m := range []string{":contains", ":matches"} {
		compileErr(t, `require ["body", "comparator-i;ascii-numeric"];
if body `+m+` :comparator "i;ascii-numeric" "4" { keep; }`, filter.CompileOptions{})
	}
}

// TestDifferentialFixes_nullSenderDetail checks that every address part of
// the null envelope sender, :detail included, is the empty string.
func TestDifferentialFixes_nullSenderDetail(t *testing.T) {
	t.Parallel()
	s := compile(t, `require ["envelope", "fileinto", "subaddress"];
if envelope :detail :is "from" "" { fileinto "Is"; }
if envelope :detail :matches "from" "*" { fileinto "Matches"; }
if envelope :detail :is "to" "work" { fileinto "To"; }`, filter.CompileOptions{})
	res, err := s.Run(t.Context(), input(testMessage, filter.Envelope{From: "", To: "tim+work@shisaa.jp"}))
	require.NoError(t, err)
	assert.Equal(t, []string{"Is", "Matches", "To"}, stores(res))
}

// TestDifferentialFixes_bodyNumericEmpty checks body :is with
// i;ascii-numeric on an empty body: only an empty key matches.
func TestDifferentialFixes_bodyNumericEmpty(t *testing.T) {
	t.Parallel()
	const empty = "From: a@example.org\r\nTo: tim@shisaa.jp\r\nSubject: x\r\n\r\n"
	for key, want := range map[string][]string{"abc": {"INBOX"}, "": {"A"}} {
		res, err := runMsg(t, `require ["body", "fileinto", "comparator-i;ascii-numeric"];
if body :is :comparator "i;ascii-numeric" "`+key+`" { fileinto "A"; }`, empty)
		require.NoError(t, err)
		assert.Equal(t, want, stores(res), "key %q", key)
	}
}
