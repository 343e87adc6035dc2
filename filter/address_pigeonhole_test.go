package filter_test

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// addressListsFile holds header values and what Pigeonhole's address test
// sees in each (read from its trace). The filter package's internal tests
// check the engine against it; TestAddressListsPigeonhole checks it against
// real Pigeonhole, and with -regen rewrites it.
const addressListsFile = "testdata/address/lists.json"

// addressList is one header value and what the address test sees in it:
// the :all part of each address, or the whole value when Whole is true.
// Pigeonhole's null address (""@domain) counts but shows nothing, so it
// is left out.
type addressList struct {
	Value string   `json:"value"`
	Seen  []string `json:"seen"`
	Whole bool     `json:"whole,omitempty"`
}

var traceLine = regexp.MustCompile("^\\s*\\d+:\\s+(parsing address header value|address value|invalid address value) `(.*)'$")

func TestAddressListsPigeonhole(t *testing.T) {
	t.Parallel()
	p := findPigeonhole(t)
	lists := readOracleFile[[]addressList](t, addressListsFile)
	var msg strings.Builder
	msg.WriteString("From: alice@example.org\r\n")
	for _, l := range lists {
		msg.WriteString("To: " + l.Value + "\r\n")
	}
	msg.WriteString("Subject: address lists\r\n\r\nbody\r\n")
	work := oracleWork(t)
	c := oracleCase{Script: []byte("if address :all :is \"to\" \"no-such-value\" { keep; }\n"), Message: []byte(msg.String())}
	require.NoError(t, p.prepare(t.Context(), work, c, "mail_location = maildir:"+work+"/Maildir:LAYOUT=fs\n"))
	p.run(t.Context(), nil, "", work, p.sieveTest, "-c", "dovecot.conf", "-t", "trace.txt", "-Tlevel=matching",
		"-f", "alice@example.org", "-a", "tim@shisaa.jp", "-r", "tim@shisaa.jp", "script.sieve", "message.eml")
	trace, err := os.ReadFile(filepath.Join(work, "trace.txt"))
	require.NoError(t, err)
	got := seenInTrace(string(trace))
	require.Len(t, got, len(lists), "one parsed value per To header")
	for i := range got {
		got[i].Value = lists[i].Value
	}
	checkOracleFile(t, addressListsFile, lists, got)
}

// seenInTrace reads what the address test saw in each header value.
func seenInTrace(trace string) []addressList {
	var out []addressList
	for _, line := range strings.Split(trace, "\n") {
		m := traceLine.FindStringSubmatch(line)
		switch {
		case m == nil:
		case m[1] == "parsing address header value":
			out = append(out, addressList{Seen: []string{}})
		case len(out) == 0 || m[2] == "":
		case m[1] == "invalid address value":
			last := &out[len(out)-1]
			last.Seen, last.Whole = append(last.Seen, m[2]), true
		default:
			last := &out[len(out)-1]
			last.Seen = append(last.Seen, m[2])
		}
	}
	return out
}

// scriptAddressesFile holds script addresses (redirect, vacation :from and
// :addresses) and Pigeonhole's verdict on each: the address it forwards
// to, or the reason it refuses a redirect to it.
const scriptAddressesFile = "testdata/address/script_addresses.json"

// scriptAddress is one address a script may give and what Pigeonhole
// makes of it: To when valid, else Error.
type scriptAddress struct {
	Address string `json:"address"`
	To      string `json:"to,omitempty"`
	Error   string `json:"error,omitempty"`
}

var (
	redirectError = regexp.MustCompile(`(?m)^script: line (\d+): error: specified redirect address .* is invalid: (.*)\.$`)
	redirectTo    = regexp.MustCompile(`(?m)^ \* redirect message to: <(.*)>$`)
)

func TestScriptAddressesPigeonhole(t *testing.T) {
	t.Parallel()
	p := findPigeonhole(t)
	want := readOracleFile[[]scriptAddress](t, scriptAddressesFile)
	got := make([]scriptAddress, len(want))
	var script strings.Builder
	for i, a := range want {
		got[i].Address = a.Address
		script.WriteString("redirect " + sieveQuote(a.Address) + ";\n")
	}
	// One script refuses every invalid address at once, by line number.
	for _, m := range redirectError.FindAllStringSubmatch(runRedirects(t, p, script.String()), -1) {
		line := 0
		for _, c := range m[1] {
			line = line*10 + int(c-'0')
		}
		got[line-1].Error = m[2]
	}
	// Each valid address runs alone (Pigeonhole allows four redirects).
	for i := range got {
		if got[i].Error == "" {
			if m := redirectTo.FindStringSubmatch(runRedirects(t, p, "redirect "+sieveQuote(got[i].Address)+";\n")); m != nil {
				got[i].To = m[1]
			}
		}
	}
	checkOracleFile(t, scriptAddressesFile, want, got)
}

// runRedirects runs a dry run of script and returns what sieve-test said.
func runRedirects(t *testing.T, p *pigeonhole, script string) string {
	t.Helper()
	work := oracleWork(t)
	c := oracleCase{Script: []byte(script), Message: []byte("From: alice@example.org\r\nTo: tim@shisaa.jp\r\n\r\nbody\r\n")}
	require.NoError(t, p.prepare(t.Context(), work, c, "mail_location = maildir:"+work+"/Maildir:LAYOUT=fs\n"))
	var tr transcript
	p.run(t.Context(), &tr, "sieve-test", work, p.sieveTest, "-c", "dovecot.conf",
		"-f", "alice@example.org", "-a", "tim@shisaa.jp", "-r", "tim@shisaa.jp", "script.sieve", "message.eml")
	return tr.String()
}

// sieveQuote writes s as a Sieve quoted string.
func sieveQuote(s string) string {
	return `"` + strings.NewReplacer(`\`, `\\`, `"`, `\"`).Replace(s) + `"`
}

// vacationToFile holds To header values and whether Pigeonhole's vacation
// finds the recipient tim@shisaa.jp in them (and so replies).
const vacationToFile = "testdata/address/vacation_to.json"

// vacationTo is one To value and whether vacation replied.
type vacationTo struct {
	To    string `json:"to"`
	Reply bool   `json:"reply"`
}

func TestVacationToPigeonhole(t *testing.T) {
	t.Parallel()
	p := findPigeonhole(t)
	want := readOracleFile[[]vacationTo](t, vacationToFile)
	got := make([]vacationTo, len(want))
	for i, w := range want {
		work := oracleWork(t)
		c := oracleCase{Script: []byte("require \"vacation\";\nvacation :subject \"Away\" \"Away.\";\n"),
			Message: []byte("From: alice@example.org\r\nTo: " + w.To + "\r\nSubject: hi\r\nMessage-ID: <1@example.org>\r\n\r\nbody\r\n")}
		require.NoError(t, p.prepare(t.Context(), work, c, "mail_location = maildir:"+work+"/Maildir:LAYOUT=fs\n"))
		var tr transcript
		p.run(t.Context(), &tr, "sieve-test", work, p.sieveTest, "-c", "dovecot.conf", "-e",
			"-f", "alice@example.org", "-a", "tim@shisaa.jp", "-r", "tim@shisaa.jp", "script.sieve", "message.eml")
		got[i] = vacationTo{To: w.To, Reply: strings.Contains(tr.String(), "sent vacation response")}
	}
	checkOracleFile(t, vacationToFile, want, got)
}

// readOracleFile reads the JSON file of Pigeonhole's answers.
func readOracleFile[T any](t *testing.T, file string) T {
	t.Helper()
	var v T
	data, err := os.ReadFile(file)
	require.NoError(t, err)
	require.NoError(t, json.Unmarshal(data, &v))
	return v
}

// checkOracleFile compares got with want, read from file; with -regen it
// rewrites file with got instead.
func checkOracleFile[T any](t *testing.T, file string, want, got T) {
	t.Helper()
	if *regenOracle {
		var b bytes.Buffer
		enc := json.NewEncoder(&b)
		enc.SetEscapeHTML(false)
		enc.SetIndent("", " ")
		require.NoError(t, enc.Encode(got))
		require.NoError(t, os.WriteFile(file, b.Bytes(), 0o644))
		return
	}
	assert.Equal(t, want, got)
}
