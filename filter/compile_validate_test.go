package filter_test

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/letterbox-mail/letterbox/filter"
)

// TestCompile_pigeonholeSyntax holds scripts whose fate (compiled or
// refused) Pigeonhole decides differently from go-sieve; each line was
// checked against sieve-test 0.5.19.
func TestCompile_pigeonholeSyntax(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, src string
		ok        bool
		line, col int // of the error
	}{
		{"trailing comma in list", `if header :is "subject" ["a",] { keep; }`, false, 1, 30},
		{"trailing comma in require", `require ["fileinto",];`, false, 1, 21},
		{"stray closing brace", "keep;\n}", false, 2, 1},
		{"stray brace hides commands", "}\ndiscard;", false, 1, 1},
		{"if with a test list", `if (true) { keep; }`, false, 1, 1},
		{"elsif with a test list", `if false {} elsif (true) { keep; }`, false, 1, 13},
		{"not with a test list", `if not (true) { keep; }`, false, 1, 4},
		{"anyof with one test", `if anyof true { keep; }`, false, 1, 4},
		{"allof with a list", `if allof (true) { keep; }`, true, 0, 0},
		{"comparator in upper case", `if header :comparator "I;OCTET" :is "subject" "x" { keep; }`, true, 0, 0},
		{"comparator as list", `if header :comparator ["i;octet"] :is "subject" "x" { keep; }`, false, 1, 23},
		{"fileinto list", "require \"fileinto\";\nfileinto [\"x\"];", false, 2, 10},
		{"redirect list", `redirect ["a@example.com"];`, false, 1, 10},
		{"set value list", "require \"variables\";\nset \"a\" [\"b\"];", false, 2, 9},
		{"addflag name list", "require [\"imap4flags\", \"variables\"];\naddflag [\"v\"] \"x\";", false, 2, 9},
		{"addflag flag list", "require \"imap4flags\";\naddflag [\"x\"];", true, 0, 0},
		{"vacation subject list", "require \"vacation\";\nvacation :subject [\"s\"] \"r\";", false, 2, 19},
		{"vacation addresses string", "require \"vacation\";\nvacation :addresses \"a@example.com\" \"r\";", true, 0, 0},
		{"duplicate header and uniqueid", "require \"duplicate\";\nif duplicate :header \"x\" :uniqueid \"y\" {}", false, 2, 4},
		{"number above int64", `if size :over 18446744073709551615 { keep; }`, true, 0, 0},
		{"number overflow", `if size :over 18446744073709551616 { keep; }`, false, 1, 35},
		{"bare CR", "keep;\rdiscard;\r", true, 0, 0},
		{"NUL in string", "if header :is \"subject\" \"a\x00\" { keep; }", false, 1, 27},
		{"upper-case text:", "require \"fileinto\";\nfileinto TEXT:\nA\n.\n;", true, 0, 0},
		{"31 nested blocks", strings.Repeat("if true { ", 31) + strings.Repeat("} ", 31), true, 0, 0},
		{"32 nested blocks", strings.Repeat("if true { ", 32) + strings.Repeat("} ", 32), false, 1, 319},
		{"dead block", "if false { frobnicate; }", true, 0, 0},
		{"dead not true", "if not true { fileinto \"x\"; }", true, 0, 0},
		{"dead else", "if true {} else { frobnicate; }", true, 0, 0},
		{"dead elsif test", "if true {} elsif frob { frobnicate; }", true, 0, 0},
		{"dead elsif shape", "if true {} elsif (frob) {}", false, 1, 12},
		{"dead after elsif true", "if false {} elsif true {} else { frobnicate; }", true, 0, 0},
		{"live else", "if false {} else { frobnicate; }", false, 1, 20},
		{"live block", "if header :is \"a\" \"b\" { frobnicate; }", false, 1, 25},
		{"anyof stops at true", "if anyof(false, true, frob) { keep; }", true, 0, 0},
		{"anyof unknown first", "if anyof(frob, true) { keep; }", false, 1, 10},
		{"allof stops at false", "if allof(false, frob) { frobnicate; }", true, 0, 0},
		{"allof not constant", "if allof(true, exists \"x\") { frobnicate; }", false, 1, 30},
		{"failing ihave", "require \"ihave\";\nif ihave \"x-no\" { frobnicate; }", true, 0, 0},
		{"ihave known is not constant", "require \"ihave\";\nif ihave \"fileinto\" {} else { frobnicate; }", false, 2, 31},
		{"tag after positional", "require \"fileinto\";\nfileinto \"x\" :create;", false, 2, 14},
		{"tag after keys", `if header "subject" :is "x" { keep; }`, false, 1, 21},
		{"addflag variable without variables", "require \"imap4flags\";\naddflag \"v\" \"x\";", false, 2, 1},
		{"hasflag variable without variables", "require \"imap4flags\";\nif hasflag \"v\" \"x\" {}", false, 2, 4},
		{"hasflag variable with variables", "require [\"imap4flags\", \"variables\"];\nif hasflag \"v\" \"x\" {}", true, 0, 0},
		{"ihave enables", "require \"ihave\";\nif ihave \"fileinto\" { fileinto \"x\"; }", true, 0, 0},
		{"ihave variables fails", "require \"ihave\";\nif ihave \"variables\" { frobnicate; }", true, 0, 0},
		{"address on x-beenthere", `if address :is "x-beenthere" "a@example.com" { keep; }`, true, 0, 0},
		{"address on return-receipt-to", `if address :is "return-receipt-to" "a@example.com" { keep; }`, true, 0, 0},
		{"address on return-path", `if address :is "return-path" "a@example.com" { keep; }`, false, 1, 4},
		{"address on approved", `if address :is "approved" "a@example.com" { keep; }`, false, 1, 4},
		{"envelope auth localpart", "require \"envelope\";\nif envelope :localpart :is \"auth\" \"x\" {}", false, 2, 4},
		{"envelope auth all", "require \"envelope\";\nif envelope :all :is \"auth\" \"x\" {}", true, 0, 0},
		{"one-digit hex pair", "require \"encoded-character\";\nif header :is \"subject\" \"${hex:4}\" {}", true, 0, 0},
		{"bad unicode", "require \"encoded-character\";\nif header :is \"subject\" \"${unicode:D800}\" {}", false, 2, 25},
		{"bad unicode in dead block", "require \"encoded-character\";\nif false { discard \"${unicode:D800}\"; }", true, 0, 0},
		{"tag value is not positional", "require \"duplicate\";\nif duplicate :header \"x\" :seconds 5 {}", true, 0, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			_, err := filter.Compile("test.sieve", []byte(tt.src), filter.CompileOptions{})
			if tt.ok {
				require.NoError(t, err)
				return
			}
			var se *filter.ScriptError
			require.ErrorAs(t, err, &se)
			assert.Equal(t, []int{tt.line, tt.col}, []int{se.Line, se.Column}, se.Error())
		})
	}
}

// TestCompile_comparatorCase checks that an upper-case comparator name
// compares like the lower-case one.
func TestCompile_comparatorCase(t *testing.T) {
	t.Parallel()
	res, err := runMsg(t, `require "fileinto";
if header :comparator "I;ASCII-CASEMAP" :is "subject" "HELLO THERE" { fileinto "Casemap"; }
if header :comparator "I;OCTET" :is "subject" "HELLO THERE" { fileinto "Octet"; }`, testMessage)
	require.NoError(t, err)
	require.Len(t, res.Actions, 1)
	require.IsType(t, filter.Store{}, res.Actions[0])
	assert.Equal(t, "Casemap", res.Actions[0].(filter.Store).Mailbox)
}

// TestCompile_multiLineString checks the value of text: strings.
func TestCompile_multiLineString(t *testing.T) {
	t.Parallel()
	res, err := runMsg(t, "require [\"variables\", \"fileinto\"];\nset \"v\" text:\n..dot\n.\n;\n"+
		"if string :is \"${v}\" \".dot\r\n\" { fileinto \"Unstuffed\"; }", testMessage)
	require.NoError(t, err)
	require.Len(t, res.Actions, 1)
	require.IsType(t, filter.Store{}, res.Actions[0])
	assert.Equal(t, "Unstuffed", res.Actions[0].(filter.Store).Mailbox)
}

// TestCompile_underscoreVariables checks variable names starting with "_",
// which Pigeonhole accepts, in set, references and imap4flags.
func TestCompile_underscoreVariables(t *testing.T) {
	t.Parallel()
	res, err := runMsg(t, `require ["variables", "fileinto", "imap4flags"];
set "_box" "Archive";
addflag "_f" "\\Seen";
if string :is "${_BOX}" "Archive" { fileinto :flags "${_f}" "${_box}"; }
if hasflag "_f" "\\Seen" { fileinto "Flagged"; }
if string :is "${_unset}" "" { fileinto "Empty"; }`, testMessage)
	require.NoError(t, err)
	assert.Equal(t, []string{"Archive", "Flagged", "Empty"}, stores(res))
	require.IsType(t, filter.Store{}, res.Actions[0])
	assert.Equal(t, []string{`\Seen`}, res.Actions[0].(filter.Store).Flags)
}

// TestCompile_countComparator checks :count with a comparator other than
// i;ascii-numeric: the count is compared as a string, as in Pigeonhole.
func TestCompile_countComparator(t *testing.T) {
	t.Parallel()
	ten := `["a", "b", "c", "d", "e", "f", "g", "h", "i", "j"]`
	res, err := runMsg(t, `require ["relational", "comparator-i;ascii-numeric", "variables", "fileinto", "envelope"];
if string :count "gt" `+ten+` "9" { fileinto "DefaultWrong"; }
if string :count "lt" `+ten+` "9" { fileinto "Default"; }
if string :count "gt" :comparator "i;ascii-casemap" `+ten+` "9" { fileinto "CasemapWrong"; }
if string :count "gt" :comparator "i;ascii-numeric" `+ten+` "9" { fileinto "Numeric"; }
if string :count "eq" :comparator "i;octet" ["a", "", "b"] "2" { fileinto "Octet"; }
if header :count "eq" "subject" "1" { fileinto "Header"; }
if envelope :count "eq" "to" "1" { fileinto "Envelope"; }`, testMessage)
	require.NoError(t, err)
	assert.Equal(t, []string{"Default", "Numeric", "Octet", "Header", "Envelope"}, stores(res))
}
