package filter_test

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/letterbox-mail/letterbox/filter"
)

func TestDate_fixedClock(t *testing.T) {
	t.Parallel()
	// fixedNow is 2024-02-03 04:05:06 UTC, a Saturday.
	tests := []struct {
		name, test string
		want       bool
	}{
		{"year", `currentdate :is "year" "2024"`, true},
		{"date", `currentdate :is "date" "2024-02-03"`, true},
		{"zone shifts date", `currentdate :zone "-0500" :is "date" "2024-02-02"`, true},
		{"time", `currentdate :is "time" "04:05:06"`, true},
		{"weekday", `currentdate :is "weekday" "6"`, true},
		{"julian", `currentdate :is "julian" "60343"`, true},
		{"iso8601", `currentdate :zone "+0100" :is "iso8601" "2024-02-03T05:05:06+01:00"`, true},
		{"relational ge", `currentdate :value "ge" "date" "2024-02-01"`, true},
		{"relational lt", `currentdate :value "lt" "date" "2024-02-01"`, false},
		{"out-of-office window", `allof(currentdate :value "ge" "iso8601" "2024-02-01T00:00:00Z",
			currentdate :value "le" "iso8601" "2024-02-10T00:00:00Z")`, true},
		{"header date", `date :is "date" "date" "2024-01-29"`, true},
		{"header date originalzone", `date :originalzone :is "date" "hour" "11"`, true},
		{"header date utc", `date :zone "+0000" :is "date" "hour" "10"`, true},
		{"header zone", `date :originalzone :is "date" "zone" "+0100"`, true},
		{"missing header", `date :is "x-missing" "year" "2024"`, false},
		{"regex", `currentdate :regex "date" "^2024-0[1-3]-"`, true},
		{"count", `date :count "eq" :comparator "i;ascii-numeric" "date" "year" "1"`, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			src := `require ["date", "relational", "fileinto", "regex", "comparator-i;ascii-numeric"];
if ` + tt.test + ` { fileinto "Yes"; }`
			res, err := runMsg(t, src, testMessage)
			require.NoError(t, err)
			assert.Equal(t, tt.want, stores(res)[0] == "Yes")
		})
	}
	for _, src := range []string{
		`require "date"; if currentdate :is "century" "21" { discard; }`,
		`require "date"; if currentdate :zone "CET" :is "year" "2024" { discard; }`,
	} {
		res, err := runMsg(t, src, testMessage)
		require.NoError(t, err)
		assert.True(t, res.ImplicitKeep, src)
	}
	compileErr(t, `if currentdate :is "year" "2024" { keep; }`, filter.CompileOptions{})
}

func TestRegex(t *testing.T) {
	t.Parallel()
	msg := "From: Bob <bob+lists@example.com>\r\nTo: tim@shisaa.jp\r\n" +
		"Subject: [sieve-dev] Release 1.2\r\n\r\nbody\r\n"
	tests := []struct {
		name, test, folder string
	}{
		{"header groups", `header :regex "subject" "^\\[([a-z-]+)\\] Release ([0-9.]+)$"`, "${1}/${2}"},
		{"case-insensitive", `header :regex "subject" "RELEASE"`, "${0}"},
		{"octet is case-sensitive", `not header :regex :comparator "i;octet" "subject" "RELEASE"`, "octet"},
		{"address domain", `address :regex :domain "from" "^(.*)\\.com$"`, "${1}"},
		{"address detail", `address :regex :detail "from" "^l(.*)$"`, "${1}"},
		{"envelope", `envelope :regex "from" "^alice@"`, "env"},
		{"string with variable key", `string :regex "abc" "${pat}"`, "${0}"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			src := `require ["regex", "variables", "fileinto", "envelope", "subaddress"];
set "pat" "b.";
if ` + tt.test + ` { fileinto "` + tt.folder + `"; }`
			res, err := runMsg(t, src, msg)
			require.NoError(t, err)
			want := map[string]string{
				"header groups": "sieve-dev/1.2", "case-insensitive": "Release", "octet is case-sensitive": "octet",
				"address domain": "example", "address detail": "ists", "envelope": "env",
				"string with variable key": "bc",
			}[tt.name]
			assert.Equal(t, []string{want}, stores(res))
		})
	}
	se := compileErr(t, "require \"regex\";\nif header :regex \"subject\" \"([a-z\" { discard; }", filter.CompileOptions{})
	assert.Equal(t, 2, se.Line)
	compileErr(t, `if header :regex "subject" "x" { discard; }`, filter.CompileOptions{})
	compileErr(t, `require "regex"; if header :regex :is "subject" "x" { discard; }`, filter.CompileOptions{})
}

func TestIndex(t *testing.T) {
	t.Parallel()
	msg := "Received: from c by d; Mon, 29 Jan 2024 12:00:00 +0000\r\n" +
		"Received: from a by b; Mon, 29 Jan 2024 10:00:00 +0000\r\n" +
		"X-Tag: first\r\nX-Tag: second\r\nX-Tag: third\r\n" +
		"To: a@example.org, b@example.org\r\nTo: c@example.org\r\n\r\nbody\r\n"
	tests := []struct {
		test string
		want bool
	}{
		{`header :index 2 :is "x-tag" "second"`, true},
		{`header :index 2 :is "x-tag" "third"`, false},
		{`header :index 1 :last :is "x-tag" "third"`, true},
		{`header :index 4 :is "x-tag" "first"`, false},
		{`address :index 2 :is "to" "c@example.org"`, true},
		{`address :index 1 :is "to" "c@example.org"`, false},
		{`date :index 1 :last :zone "+0000" :is "received" "hour" "10"`, true},
		{`date :index 1 :zone "+0000" :is "received" "hour" "12"`, true},
	}
	for _, tt := range tests {
		src := `require ["index", "date", "fileinto"]; if ` + tt.test + ` { fileinto "Yes"; }`
		res, err := runMsg(t, src, msg)
		require.NoError(t, err)
		assert.Equal(t, tt.want, stores(res)[0] == "Yes", tt.test)
	}
	compileErr(t, `require "index"; if header :last :is "x" "y" { keep; }`, filter.CompileOptions{})
	compileErr(t, `if header :index 1 :is "x" "y" { keep; }`, filter.CompileOptions{})
	compileErr(t, `require "index"; if string :index 1 :is "x" "y" { keep; }`, filter.CompileOptions{})
}

func TestMailbox(t *testing.T) {
	t.Parallel()
	s := compile(t, `require ["mailbox", "fileinto"];
if mailboxexists ["INBOX", "Archive"] { fileinto :create "Both"; }
if mailboxexists "Nope" { fileinto "Wrong"; }`, filter.CompileOptions{})
	in := input(testMessage, testEnvelope)
	in.Mailboxes = func(n string) bool { return n == "INBOX" || n == "Archive" }
	res, err := s.Run(t.Context(), in)
	require.NoError(t, err)
	assert.Equal(t, []filter.Action{filter.Store{Mailbox: "Both", Create: true,
		Pos: filter.Pos{File: "test.sieve", Line: 2, Column: 41}}}, res.Actions)

	res, err = s.Run(t.Context(), input(testMessage, testEnvelope))
	require.NoError(t, err)
	assert.Equal(t, []string{"INBOX"}, stores(res))
	compileErr(t, `require "fileinto"; fileinto :create "X";`, filter.CompileOptions{})
}

func TestIhave(t *testing.T) {
	t.Parallel()
	res, err := runMsg(t, `require ["ihave", "fileinto"];
if ihave "x-unknown" { x_unknown_command "y"; } else { fileinto "No"; }
if ihave ["fileinto", "date"] { fileinto "Yes"; }`, testMessage)
	require.NoError(t, err)
	assert.Equal(t, []string{"No", "Yes"}, stores(res))

	res, err = runMsg(t, "require \"ihave\";\nerror \"broken\";", testMessage)
	require.ErrorIs(t, err, filter.ErrRuntime)
	assert.EqualError(t, err, "test.sieve:2:1: error command: broken")
	assert.Equal(t, keepOnly, res)
}

func TestCompileErrors(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, src string
		line, col int
		msg       string
	}{
		{"unknown require", `require "x-nope";`, 1, 1, `unknown capability "x-nope" in require`},
		{"not default", `require "spamtest";`, 1, 1, `unknown capability "spamtest" in require`},
		{"ereject off", `require "ereject";`, 1, 1, `unknown capability "ereject" in require`},
		{"missing require", "\nfileinto \"A\";", 2, 1, "missing require 'fileinto"},
		{"unknown command", "keep;\n  frobnicate;", 2, 3, "unknown command 'frobnicate'"},
		{"unknown test", "if frob { keep; }", 1, 4, "unknown test 'frob'"},
		{"missing semicolon", "require \"fileinto\"\nfileinto \"A\";", 1, 1, "require"},
		{"stray tag", "require \"vacation\";\nvacation\n  :days 1\n  :subject \"x\"\n  :days;", 5, 3, ""},
		{"unterminated", "if true {\n keep;\n", 3, 1, ""},
		{"bad character", "keep;\nif header :is \"a\" \"b\" { keep; } $", 2, 33, "unexpected character"},
		{"bad redirect", `redirect "not an address";`, 1, 1, "invalid redirect address"},
		{"envelope part", `require "envelope"; if envelope "subject" "x" { keep; }`, 1, 24, "unknown envelope part"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			se := compileErr(t, tt.src, filter.CompileOptions{})
			assert.Equal(t, "test.sieve", se.File)
			assert.Equal(t, tt.line, se.Line, se.Error())
			if tt.col > 0 {
				assert.Equal(t, tt.col, se.Column, se.Error())
			}
			assert.Contains(t, se.Msg, tt.msg)
		})
	}
}

func TestLimits(t *testing.T) {
	t.Parallel()
	_, err := filter.Compile("big.sieve", make([]byte, 100), filter.CompileOptions{Limits: filter.Limits{MaxScriptBytes: 10}})
	require.ErrorContains(t, err, "too large")

	nested := "if true { if true { if true { keep; } } }"
	compileErr(t, nested, filter.CompileOptions{Limits: filter.Limits{MaxNesting: 3}})
	compile(t, nested, filter.CompileOptions{Limits: filter.Limits{MaxNesting: 4}})

	s := compile(t, `require "fileinto"; fileinto "A"; fileinto "B"; fileinto "C";`,
		filter.CompileOptions{Limits: filter.Limits{MaxActions: 2}})
	res, err := s.Run(t.Context(), input(testMessage, testEnvelope))
	require.ErrorIs(t, err, filter.ErrRuntime)
	assert.Equal(t, keepOnly, res)

	s = compile(t, `require "variables"; set "a" "0123456789"; if string :is "${a}" "0123" { keep; }`,
		filter.CompileOptions{Limits: filter.Limits{MaxVariableBytes: 4}})
	res, err = s.Run(t.Context(), input(testMessage, testEnvelope))
	require.NoError(t, err)
	assert.False(t, res.ImplicitKeep)
}

func TestRun_cancelled(t *testing.T) {
	t.Parallel()
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	s := compile(t, `keep;`, filter.CompileOptions{})
	res, err := s.Run(ctx, input(testMessage, testEnvelope))
	require.ErrorIs(t, err, context.Canceled)
	assert.Equal(t, keepOnly, res)
}

func TestEnvironment(t *testing.T) {
	t.Parallel()
	res, err := runMsg(t, `require ["environment", "fileinto", "variables"];
if environment :is "location" "MDA" { fileinto "MDA"; }
if environment :matches "domain" "*" { fileinto "${1}"; }`, testMessage)
	require.NoError(t, err)
	assert.Equal(t, []string{"MDA", "shisaa.jp"}, stores(res))
}

func TestFlagsCanonical(t *testing.T) {
	t.Parallel()
	res, err := runMsg(t, `require ["imap4flags", "fileinto"];
addflag ["\\flagged", "$Work"];
addflag "\\SEEN $work";
fileinto "A";
setflag "x";
keep;`, testMessage)
	require.NoError(t, err)
	require.Len(t, res.Actions, 2)
	assert.Equal(t, []string{"$Work", `\Flagged`, `\Seen`}, res.Actions[0].(filter.Store).Flags)
	assert.Equal(t, []string{"x"}, res.Actions[1].(filter.Store).Flags)
}

func TestMimeAndDuplicate(t *testing.T) {
	t.Parallel()
	res, err := runMsg(t, `require ["mime", "fileinto", "duplicate", "variables"];
if header :mime :type "content-type" "multipart" { fileinto "Multi"; }
if header :mime :anychild :subtype "content-type" "html" { fileinto "Html"; }
if header :mime :anychild :param "charset" "content-type" "iso-8859-1" { fileinto "Latin1"; }
if header :mime :anychild :contenttype :matches "content-type" "application/*" { fileinto "App/${1}"; }
if duplicate :seconds 60 :header "message-id" { fileinto "Dup"; }`, bodyMessage)
	require.NoError(t, err)
	assert.Equal(t, []string{"Multi", "Html", "Latin1", "App/octet-stream"}, stores(res))
	compileErr(t, `if header :mime "content-type" "x" { keep; }`, filter.CompileOptions{})
}
