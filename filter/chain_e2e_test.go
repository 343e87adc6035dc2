package filter_test

import (
	"bufio"
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/letterbox-mail/letterbox/filter"
)

// needSieveTest returns Pigeonhole's sieve-test, or skips the test when it
// (or root, which it needs to switch to the mail user) is missing, unless
// E2E_REQUIRED=1.
func needSieveTest(t *testing.T) string {
	t.Helper()
	path, err := exec.LookPath("sieve-test")
	problem := ""
	switch {
	case err != nil:
		problem = "sieve-test (Debian dovecot-sieve) not installed"
	case os.Geteuid() != 0:
		problem = "sieve-test needs root to switch to the mail user"
	}
	if problem == "" {
		return path
	}
	if os.Getenv("E2E_REQUIRED") == "1" {
		t.Fatal(problem)
	}
	t.Skip(problem)
	return ""
}

// TestFilter_Evaluate_matchesPigeonholeChain runs the same before/personal
// chains through Filter.Evaluate and through sieve-test -s, whose
// multiscript execution is the reference.
func TestFilter_Evaluate_matchesPigeonholeChain(t *testing.T) {
	t.Parallel()
	bin := needSieveTest(t)
	tests := []struct {
		name   string
		before []string
		main   string
	}{
		{"keep deferred then discard", []string{`keep;`}, `discard;`},
		{"copy then fileinto", []string{`require ["fileinto","copy"]; fileinto :copy "Audit";`}, `require "fileinto"; fileinto "Work";`},
		{"discard stops the chain", []string{`discard;`}, `require "fileinto"; fileinto "Work";`},
		{"flags carry to the final keep", []string{`require "imap4flags"; addflag "\\Flagged";`}, `require "imap4flags"; addflag "$Work";`},
		{"reject after a copy does both", []string{`require ["fileinto","copy"]; fileinto :copy "A";`}, `require "reject"; reject "no";`},
		{"first vacation wins", []string{`require "vacation"; vacation :subject "one" "x";`}, `require "vacation"; vacation :subject "two" "y";`},
		{"redirect copy and two befores", []string{`require "copy"; redirect :copy "x@example.net";`, `keep;`}, `keep;`},
		{"fileinto cancels the rest", []string{`require "fileinto"; fileinto "X";`, `keep;`}, `keep;`},
		{"removeflag across scripts", []string{`require "imap4flags"; addflag ["\\Seen", "$A"];`}, `require "imap4flags"; removeflag "\\Seen"; addflag "$X";`},
		{"flags of a deferred keep are dropped", []string{`require "imap4flags"; keep :flags "$K";`}, `keep;`},
		{"keep beside fileinto INBOX goes on", []string{`require "fileinto"; fileinto "INBOX"; keep;`}, `require "fileinto"; fileinto "Work";`},
		{"fileinto INBOX stops the chain", []string{`require "fileinto"; fileinto "INBOX";`}, `require "fileinto"; fileinto "Work";`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			dir := t.TempDir()
			require.NoError(t, os.Chmod(dir, 0o755))
			require.NoError(t, os.Chmod(filepath.Dir(dir), 0o755))
			msg := writeScript(t, dir, "m.eml", hamMessage)
			args := []string{"-c", writeScript(t, dir, "dovecot.conf", "mail_location = maildir:"+dir+"/Maildir:LAYOUT=fs\n"+
				"postmaster_address = postmaster@example.com\nmail_uid = nobody\nmail_gid = nogroup\n"),
				"-f", "anna@example.org", "-a", "tim@shisaa.jp"}
			var befores []string
			for i, src := range tt.before {
				p := writeScript(t, dir, fmt.Sprintf("b%d.sieve", i), src)
				befores = append(befores, p)
				args = append(args, "-s", p)
			}
			main := writeScript(t, dir, "main.sieve", tt.main)
			out, err := exec.CommandContext(t.Context(), bin, append(args, main, msg)...).Output()
			require.NoError(t, err, "sieve-test: %s", out)

			f, err := filter.New(filter.Options{Before: befores, Spam: filter.SpamRule{Disabled: true}})
			require.NoError(t, err)
			ev, err := f.Evaluate(t.Context(), filter.User{Script: main}, chainInput(hamMessage))
			require.NoError(t, err)
			require.Empty(t, ev.Errors)
			assert.Equal(t, pigeonholeChain(t, out), ourChain(ev.Result), "sieve-test said:\n%s", out)
		})
	}
}

// ourChain renders a result as sorted lines for comparison.
func ourChain(res filter.Result) []string {
	var out []string
	for _, a := range res.Actions {
		switch a := a.(type) {
		case filter.Store:
			out = append(out, "store "+a.Mailbox+" "+strings.Join(a.Flags, " "))
		case filter.Redirect:
			out = append(out, "redirect "+a.To)
		case filter.Reject:
			out = append(out, "reject "+a.Reason)
		case filter.Vacation:
			out = append(out, "vacation "+a.Subject)
		}
	}
	slices.Sort(out)
	return out
}

// pigeonholeChain reads sieve-test's report: the performed actions of every
// script, except a keep before the last script (which only lets the chain
// go on), plus the last script's implicit keep.
func pigeonholeChain(t *testing.T, report []byte) []string {
	t.Helper()
	var sections [][]phItem
	var cur *[]phItem
	sc := bufio.NewScanner(bytes.NewReader(report))
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		switch {
		case strings.HasPrefix(line, "## Executing script:"):
			sections = append(sections, nil)
			cur = &sections[len(sections)-1]
		case cur == nil:
		case strings.HasPrefix(line, "+ add IMAP flags: ") && len(*cur) > 0:
			(*cur)[len(*cur)-1].flags = phFlags(strings.Fields(strings.TrimPrefix(line, "+ add IMAP flags: ")))
		case strings.HasPrefix(line, "=> subject : ") && len(*cur) > 0:
			(*cur)[len(*cur)-1].line = "vacation " + strings.TrimPrefix(line, "=> subject : ")
		case strings.HasPrefix(line, "* "):
			*cur = append(*cur, pigeonholeItem(strings.TrimPrefix(line, "* ")))
		}
	}
	var out []string
	for i, s := range sections {
		for _, it := range s {
			if it.line == "" || (it.keep && i < len(sections)-1) {
				continue
			}
			if strings.HasPrefix(it.line, "store ") {
				it.line += " " + strings.Join(it.flags, " ")
			}
			if !slices.Contains(out, it.line) {
				out = append(out, it.line)
			}
		}
	}
	slices.Sort(out)
	return out
}

// phItem is one action line of a sieve-test report.
type phItem struct {
	line  string
	flags []string
	keep  bool
}

func pigeonholeItem(s string) (it phItem) {
	switch {
	case s == "keep":
		it.line, it.keep = "store INBOX", true
	case strings.HasPrefix(s, "store message in folder: "):
		it.line = "store " + strings.TrimPrefix(s, "store message in folder: ")
	case strings.HasPrefix(s, "redirect message to: "):
		it.line = "redirect " + strings.Trim(strings.TrimPrefix(s, "redirect message to: "), "<>")
	case strings.HasPrefix(s, "reject message with reason: "):
		it.line = "reject " + strings.TrimPrefix(s, "reject message with reason: ")
	case strings.HasPrefix(s, "send vacation message"):
		it.line = "vacation"
	}
	return it
}

func phFlags(flags []string) []string {
	system := map[string]string{`\seen`: `\Seen`, `\answered`: `\Answered`, `\flagged`: `\Flagged`,
		`\deleted`: `\Deleted`, `\draft`: `\Draft`}
	out := []string{}
	for _, f := range flags {
		if c, ok := system[strings.ToLower(f)]; ok {
			f = c
		}
		out = append(out, f)
	}
	slices.Sort(out)
	return out
}
