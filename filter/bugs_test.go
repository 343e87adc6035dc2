package filter_test

import (
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/letterbox-mail/letterbox/filter"
)

// Regression tests for the go-sieve bugs listed in the package's research
// notes; each is named after the bug it guards against.

func TestGoSieveBug_stopSkipsImplicitKeep(t *testing.T) {
	t.Parallel()
	res, err := runMsg(t, "stop;", testMessage)
	require.NoError(t, err)
	assert.Equal(t, []string{"INBOX"}, stores(res))
	assert.True(t, res.ImplicitKeep)
}

func TestGoSieveBug_panicOnBadVariableName(t *testing.T) {
	t.Parallel()
	// Pigeonhole expands references to unknown namespaces to "".
	res, err := runMsg(t, `require ["variables", "fileinto"];
fileinto "a${foo.bar}b${envelope.from}c${10}d${Foo.1}";`, testMessage)
	require.NoError(t, err)
	assert.Equal(t, []string{"abcd"}, stores(res))
}

func TestGoSieveBug_restoredMatcherNeverMatches(t *testing.T) {
	t.Parallel()
	s := compile(t, `require "fileinto"; if header :contains "subject" "hello" { fileinto "Hi"; }`, filter.CompileOptions{})
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			res, err := s.Run(t.Context(), input(testMessage, testEnvelope))
			assert.NoError(t, err)
			assert.Equal(t, []string{"Hi"}, stores(res))
		})
	}
	wg.Wait()
}

// go-sieve drops a second fileinto into the same mailbox, flags and all.
// Pigeonhole (checked with sieve-test -e) merges it: the last flags win,
// and the duplicate changes nothing else, so fileinto :copy "A" followed by
// fileinto "A" still keeps the implicit keep.
func TestGoSieveBug_duplicateFileinto(t *testing.T) {
	t.Parallel()
	res, err := runMsg(t, `require ["fileinto", "copy", "imap4flags"];
fileinto :copy "A";
fileinto :flags "\\seen" "A";
fileinto :flags "\\Flagged" "A";`, testMessage)
	require.NoError(t, err)
	assert.True(t, res.ImplicitKeep)
	require.Len(t, res.Actions, 2)
	st := res.Actions[0].(filter.Store)
	assert.Equal(t, "A", st.Mailbox)
	assert.Equal(t, []string{`\Flagged`}, st.Flags)
	assert.Equal(t, filter.Pos{File: "test.sieve", Line: 2, Column: 1}, st.Pos)
	assert.Equal(t, "INBOX", res.Actions[1].(filter.Store).Mailbox)

	res, err = runMsg(t, `require ["fileinto", "copy", "imap4flags"];
fileinto :copy :flags "\\Seen" "INBOX";
addflag ["\\Flagged", "\\Recent", "bad(flag"];`, testMessage)
	require.NoError(t, err)
	require.Len(t, res.Actions, 1)
	assert.Equal(t, []string{`\Seen`}, res.Actions[0].(filter.Store).Flags, "the implicit keep leaves the explicit store")
}

func TestGoSieveBug_controlPlacementUnchecked(t *testing.T) {
	t.Parallel()
	for _, src := range []string{
		`elsif true { keep; }`,
		`else { keep; }`,
		`if true { keep; } else { keep; } else { keep; }`,
		`if true { keep; } keep; elsif true { keep; }`,
		`keep; require "fileinto";`,
		`if true { require "fileinto"; }`,
		`require "fileinto"; fileinto "A" :flags;`,
		`require "vacation"; vacation :days 1 :days 2 "x";`,
		`require "vacation"; vacation "x" :days;`,
	} {
		compileErr(t, src, filter.CompileOptions{})
	}
}

func TestGoSieveBug_maxVariableCountIgnored(t *testing.T) {
	t.Parallel()
	opts := filter.CompileOptions{Limits: filter.Limits{MaxVariables: 2}}
	compile(t, `require "variables"; set "a" "1"; set "b" "2"; set "A" "3";`, opts)
	se := compileErr(t, `require "variables"; set "a" "1"; set "b" "2"; set "c" "3";`, opts)
	assert.Contains(t, se.Msg, "too many variables")
}

func TestGoSieveBug_looseComparatorChecks(t *testing.T) {
	t.Parallel()
	compileErr(t, `require "comparator-i;ascii-numeric";
if header :matches :comparator "i;ascii-numeric" "x" "1*" { keep; }`, filter.CompileOptions{})
	compileErr(t, `if header :is :comparator "i;ascii-numeric" "x" "1" { keep; }`, filter.CompileOptions{})
	compileErr(t, `if header :is :comparator "i;unicode-casemap" "x" "1" { keep; }`, filter.CompileOptions{})
}

func TestGoSieveBug_rejectConflictsUnchecked(t *testing.T) {
	t.Parallel()
	for _, src := range []string{
		`require ["reject", "fileinto"]; reject "no"; fileinto "A";`,
		`require "reject"; keep; reject "no";`,
		`require "reject"; redirect "a@example.net"; reject "no";`,
		`require ["reject", "vacation"]; vacation "away"; reject "no";`,
		`require "reject"; reject "a"; reject "b";`,
	} {
		res, err := runMsg(t, src, testMessage)
		require.ErrorIs(t, err, filter.ErrRuntime, src)
		assert.Equal(t, keepOnly, res, src)
	}
	res, err := runMsg(t, `require "reject"; reject "no";`, testMessage)
	require.NoError(t, err)
	assert.Equal(t, []filter.Action{filter.Reject{Reason: "no", Pos: filter.Pos{File: "test.sieve", Line: 1, Column: 19}}}, res.Actions)
}

func TestGoSieveBug_badAddressHeaderFailsAddressTest(t *testing.T) {
	t.Parallel()
	msg := "To: this is <<not an address\r\nCc: Bob <bob@example.net>\r\nSubject: x\r\n\r\nbody\r\n"
	res, err := runMsg(t, `require "fileinto"; if address :is ["to", "cc"] "bob@example.net" { fileinto "Bob"; }`, msg)
	require.NoError(t, err)
	assert.Equal(t, []string{"Bob"}, stores(res))
}

func TestGoSieveBug_redirectLimitAfterPassOn(t *testing.T) {
	t.Parallel()
	s := compile(t, `redirect "a@example.net"; redirect "a@example.net"; redirect "b@example.net";`,
		filter.CompileOptions{Limits: filter.Limits{MaxRedirects: 1}})
	res, err := s.Run(t.Context(), input(testMessage, testEnvelope))
	require.ErrorIs(t, err, filter.ErrRuntime)
	assert.Equal(t, keepOnly, res)
	assert.Contains(t, err.Error(), "test.sieve:1:53: too many redirect")
}

func TestGoSieveBug_undecodedHeaders(t *testing.T) {
	t.Parallel()
	msg := "From: =?utf-8?q?Doe=2C_John?= <john@example.com>\r\n" +
		"Subject: =?iso-8859-1?q?Caf=E9?=\r\n\r\nbody\r\n"
	res, err := runMsg(t, `require "fileinto";
if address :is "FROM" "john@example.com" { fileinto "Addr"; }
if header :is "SUBJECT" "Café" { fileinto "Subj"; }
if header :contains "from" "Doe, John" { fileinto "Name"; }`, msg)
	require.NoError(t, err)
	assert.Equal(t, []string{"Addr", "Subj", "Name"}, stores(res))
}

func TestGoSieveBug_encodedCharacterDecodedTwice(t *testing.T) {
	t.Parallel()
	msg := "X-Test: ${hex:41}\r\n\r\nbody\r\n"
	res, err := runMsg(t, `require ["encoded-character", "index", "fileinto"];
if header :index 1 :is "X-Test" "${hex:24}{hex:41}" { fileinto "Once"; }`, msg)
	require.NoError(t, err)
	assert.Equal(t, []string{"Once"}, stores(res))
}

func TestGoSieveBug_discardClearsFlags(t *testing.T) {
	t.Parallel()
	res, err := runMsg(t, `require "imap4flags"; addflag "\\Seen"; discard; keep;`, testMessage)
	require.NoError(t, err)
	require.Len(t, res.Actions, 2)
	assert.Equal(t, []string{`\Seen`}, res.Actions[1].(filter.Store).Flags)
}

func TestGoSieveBug_flagsCompareOctets(t *testing.T) {
	t.Parallel()
	res, err := runMsg(t, `require "imap4flags"; addflag ["$Work", "\\Seen"]; removeflag ["$work", "\\SEEN"];`, testMessage)
	require.NoError(t, err)
	assert.Empty(t, res.Actions[0].(filter.Store).Flags)

	res, err = runMsg(t, `require ["imap4flags", "relational", "comparator-i;ascii-numeric", "fileinto"];
addflag ["a", "b", "A"];
if hasflag :count "eq" :comparator "i;ascii-numeric" "2" { fileinto "Two"; }`, testMessage)
	require.NoError(t, err)
	assert.Equal(t, []string{"Two"}, stores(res))
	compileErr(t, `if hasflag "x" { keep; }`, filter.CompileOptions{})
}

func TestGoSieveBug_addressTestOnAnyHeader(t *testing.T) {
	t.Parallel()
	se := compileErr(t, `if address :localpart "subject" "x" { discard; }`, filter.CompileOptions{})
	assert.Equal(t, 1, se.Line)
	assert.True(t, strings.Contains(se.Msg, "not an address header"), se.Msg)
}

// Found while building the engine: go-sieve compiles :matches patterns
// and streamed body keys into byte patterns in which a non-ASCII
// character is one Latin-1 byte, so they never match UTF-8 text.
func TestGoSieveBug_nonASCIIPatternNeverMatches(t *testing.T) {
	t.Parallel()
	msg := "Subject: =?utf-8?q?Gr=C3=BC=C3=9Fe_aus_M=C3=BCnchen?=\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nCafé crème\r\n"
	res, err := runMsg(t, `require ["fileinto", "variables", "body"];
if header :matches "subject" "*aus M?nchen" { fileinto "Wrong"; }
if header :matches "subject" "*AUS MÜ*" { fileinto "Wrong"; }
if header :matches "subject" "Grüße *" { fileinto "M/${1}"; }
if body :text :contains "café CRÈME" { fileinto "Wrong"; }
if body :text :contains "CAFé crème" { fileinto "Body"; }
if string :matches "ü" "??" { fileinto "Octets"; }`, msg)
	require.NoError(t, err)
	assert.Equal(t, []string{"M/aus München", "Body", "Octets"}, stores(res))
}
