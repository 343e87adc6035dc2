package filter_test

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Differential test against Pigeonhole's sieve-test (Debian dovecot-sieve):
// every corpus case and every script in testdata/differential, on a few
// corpus messages, must give the same compile verdict and the same
// deliveries as a sieve-test dry run. Vacation is left out: a dry run
// lists it before the suppression checks, which the corpus covers.

var differentialMessages = []string{
	"021-address-all-display-name-comment", "029-header-encoded-latin1-subject",
	"047-imap4flags-add-remove", "054-variables-match-groups", "063-body-content-html",
}

func sieveTestBinary(t *testing.T) string {
	t.Helper()
	bin, err := exec.LookPath("sieve-test")
	if err != nil || os.Geteuid() != 0 {
		if os.Getenv("E2E_REQUIRED") == "1" {
			t.Fatalf("sieve-test needs the binary and root: %v", err)
		}
		t.Skip("sieve-test not installed or not root")
	}
	return bin
}

// sieveTestWork makes a work directory sieve-test can use and its
// configuration file there.
func sieveTestWork(t *testing.T) (work, conf string) {
	t.Helper()
	work = t.TempDir()
	// sieve-test drops to nobody, which must reach the files.
	require.NoError(t, os.Chmod(filepath.Dir(work), 0o755))
	require.NoError(t, os.Chmod(work, 0o777))
	conf = filepath.Join(work, "sieve-test.conf")
	require.NoError(t, os.WriteFile(conf, []byte("mail_location = maildir:"+work+"/Maildir:LAYOUT=fs\n"+
		"postmaster_address = postmaster@example.com\nmail_uid = 65534\nmail_gid = 65534\n"), 0o644))
	return work, conf
}

func TestPigeonholeDifferential(t *testing.T) {
	t.Parallel()
	bin := sieveTestBinary(t)
	work, conf := sieveTestWork(t)

	cases, err := filepath.Glob(filepath.Join("testdata", "corpus", "[0-9]*"))
	require.NoError(t, err)
	for _, dir := range cases {
		runDifferential(t, bin, conf, work, filepath.Join(dir, "script.sieve"), dir)
	}
	extra, err := filepath.Glob(filepath.Join("testdata", "differential", "*.sieve"))
	require.NoError(t, err)
	messages, err := filepath.Glob(filepath.Join("testdata", "differential", "msg-*"))
	require.NoError(t, err)
	for _, m := range differentialMessages {
		messages = append(messages, filepath.Join("testdata", "corpus", m))
	}
	for _, script := range extra {
		for _, m := range messages {
			runDifferential(t, bin, conf, work, script, m)
		}
	}
}

func runDifferential(t *testing.T, bin, conf, work, script, caseDir string) {
	t.Helper()
	var env struct{ From, To string }
	raw, err := os.ReadFile(filepath.Join(caseDir, "envelope.json"))
	require.NoError(t, err)
	require.NoError(t, json.Unmarshal(raw, &env))
	if env.From == "" {
		return
	}
	name := filepath.Base(script) + "@" + filepath.Base(caseDir)
	src, err := os.ReadFile(script)
	require.NoError(t, err)
	tmpScript := filepath.Join(work, "s.sieve")
	tmpMsg := filepath.Join(work, "m.eml")
	require.NoError(t, os.WriteFile(tmpScript, src, 0o644))
	msg, err := os.ReadFile(filepath.Join(caseDir, "message.eml"))
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(tmpMsg, msg, 0o644))

	cmd := exec.CommandContext(t.Context(), bin, "-c", conf, "-C", "-f", env.From, "-a", env.To, "-r", env.To, tmpScript, tmpMsg)
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	_ = cmd.Run()
	want := parseDryRun(out.String())

	got := runCaseWith(t, script, caseDir)
	got.Actions = withoutVacation(got.Actions)
	if !assert.Equal(t, want, got, name) {
		w, _ := json.Marshal(want)
		g, _ := json.Marshal(got)
		t.Logf("%s\npigeonhole: %s\nletterbox:  %s\n%s", name, w, g, out.String())
	}
}

var (
	dryStore    = regexp.MustCompile(`^ \* store message in folder: (.*)$`)
	dryFlags    = regexp.MustCompile(`^\s+\+ add IMAP flags: (.*)$`)
	dryRedirect = regexp.MustCompile(`^ \* redirect message to: <(.*)>$`)
	dryReject   = regexp.MustCompile(`^ \* reject message with reason: (.*)$`)
)

// parseDryRun reads the action lists of a sieve-test dry run.
func parseDryRun(out string) corpusResult {
	res := corpusResult{Actions: []corpusAction{}}
	switch {
	case strings.Contains(out, "failed to compile"):
		res.Error = true
		return res
	case strings.Contains(out, "resolved with successful implicit keep"):
		res.Actions = append(res.Actions, corpusAction{Type: "store", Mailbox: "INBOX"})
		return res
	}
	implicit := false
	stored := map[string]bool{}
	for _, line := range strings.Split(out, "\n") {
		implicit = implicit || strings.HasPrefix(line, "Implicit keep:")
		if m := dryStore.FindStringSubmatch(line); m != nil {
			// The implicit keep merges into an explicit store into INBOX
			// (sieve-test -e delivers once, with the explicit flags).
			if implicit && stored[strings.ToUpper(m[1])] {
				res.Actions = append(res.Actions, corpusAction{Type: "ignored"})
				continue
			}
			stored[strings.ToUpper(m[1])] = true
			res.Actions = append(res.Actions, corpusAction{Type: "store", Mailbox: m[1]})
		} else if m := dryFlags.FindStringSubmatch(line); m != nil && len(res.Actions) > 0 {
			res.Actions[len(res.Actions)-1].Flags = canonicalFlags(strings.Fields(m[1]))
		} else if m := dryRedirect.FindStringSubmatch(line); m != nil {
			res.Actions = append(res.Actions, corpusAction{Type: "redirect", To: m[1]})
		} else if m := dryReject.FindStringSubmatch(line); m != nil {
			res.Actions = append(res.Actions, corpusAction{Type: "reject", Reason: m[1]})
		}
	}
	kept := res.Actions[:0]
	for _, a := range res.Actions {
		if a.Type != "ignored" {
			kept = append(kept, a)
		}
	}
	res.Actions = kept
	sortActions(res.Actions)
	return res
}

func canonicalFlags(flags []string) []string {
	seen := map[string]bool{}
	var out []string
	for _, f := range flags {
		switch l := strings.ToLower(f); l {
		case `\seen`, `\answered`, `\flagged`, `\deleted`, `\draft`:
			f = `\` + strings.ToUpper(l[1:2]) + l[2:]
		}
		if !seen[strings.ToLower(f)] {
			seen[strings.ToLower(f)] = true
			out = append(out, f)
		}
	}
	sortStrings(out)
	return out
}

func withoutVacation(acts []corpusAction) []corpusAction {
	out := []corpusAction{}
	for _, a := range acts {
		if a.Type != "vacation" {
			out = append(out, a)
		}
	}
	return out
}
