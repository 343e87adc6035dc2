package filter_test

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

// This file runs real Pigeonhole (Debian dovecot-sieve) on one case the way
// the corpus was made: sieve-test as user nobody with a two-line Dovecot
// config and the mailboxes INBOX, Archive, Junk and Trash; a dry run (with
// a trace) to list the actions, an execute run so that vacation really
// decides, and doveadm fetch to see what was stored. A null envelope sender
// cannot be given to sieve-test, so those cases are delivered with
// dovecot-lda, whose sendmail is a script that captures the outgoing mail.

const pigeonholeTimeout = 30 * time.Second

// pigeonhole runs the Dovecot tools as an unprivileged user.
type pigeonhole struct {
	sieveTest, doveadm, lda string
	cred                    *syscall.Credential
}

// findPigeonhole returns the tools, or skips the test when they (or root,
// needed to become nobody) are missing, failing instead with E2E_REQUIRED=1.
func findPigeonhole(t *testing.T) *pigeonhole {
	t.Helper()
	p, err := lookPigeonhole()
	if err != nil {
		if os.Getenv("E2E_REQUIRED") == "1" {
			t.Fatalf("pigeonhole oracle: %v", err)
		}
		t.Skipf("pigeonhole oracle: %v", err)
	}
	return p
}

func lookPigeonhole() (*pigeonhole, error) {
	if os.Geteuid() != 0 {
		return nil, fmt.Errorf("must run as root to become nobody")
	}
	p := &pigeonhole{}
	var err error
	if p.sieveTest, err = exec.LookPath("sieve-test"); err != nil {
		return nil, err
	}
	if p.doveadm, err = exec.LookPath("doveadm"); err != nil {
		return nil, err
	}
	if p.lda, err = exec.LookPath("dovecot-lda"); err != nil {
		p.lda = "/usr/lib/dovecot/dovecot-lda"
	}
	u, err := user.Lookup("nobody")
	if err != nil {
		return nil, err
	}
	uid, _ := strconv.ParseUint(u.Uid, 10, 32)
	gid, _ := strconv.ParseUint(u.Gid, 10, 32)
	p.cred = &syscall.Credential{Uid: uint32(uid), Gid: uint32(gid), Groups: []uint32{}}
	return p, nil
}

// transcript collects the sections of pigeonhole.txt.
type transcript struct{ strings.Builder }

func (tr *transcript) section(title, body string) {
	fmt.Fprintf(tr, "=== %s ===\n%s", title, withNewline(body))
	tr.WriteString("--- end\n")
}

func withNewline(s string) string {
	if s != "" && !strings.HasSuffix(s, "\n") {
		return s + "\n"
	}
	return s
}

// run executes one tool in dir as nobody and records it as a section.
func (p *pigeonhole) run(ctx context.Context, tr *transcript, title, dir string, args ...string) {
	ctx, cancel := context.WithTimeout(ctx, pigeonholeTimeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, args[0], args[1:]...)
	cmd.Dir = dir
	cmd.Env = []string{"HOME=" + dir, "USER=nobody", "PATH=/usr/sbin:/usr/bin:/sbin:/bin"}
	cmd.SysProcAttr = &syscall.SysProcAttr{Credential: p.cred}
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	status := 0
	if err := cmd.Run(); err != nil {
		status = -1
		if ee, ok := err.(*exec.ExitError); ok {
			status = ee.ExitCode()
		} else {
			stderr.WriteString(err.Error())
		}
	}
	if tr == nil {
		return
	}
	shown := append([]string{filepath.Base(args[0])}, args[1:]...)
	for i, a := range shown {
		shown[i] = shellQuote(a)
	}
	fmt.Fprintf(tr, "=== %s ===\n$ %s\n--- exit status: %d\n--- stdout:\n%s--- stderr:\n%s--- end\n",
		title, strings.Join(shown, " "), status,
		withNewline(strings.ReplaceAll(stdout.String(), "\r\n", "\n")), withNewline(stderr.String()))
}

func shellQuote(s string) string {
	if s != "" && strings.Trim(s, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789@%+=:,./-_") == "" {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}

// prepare makes a work directory nobody can use, holding the case files
// and the mailboxes that exist before delivery.
func (p *pigeonhole) prepare(ctx context.Context, work string, c oracleCase, conf string) error {
	if err := os.Chmod(work, 0o777); err != nil {
		return err
	}
	files := map[string][]byte{"script.sieve": c.Script, "message.eml": c.Message}
	for name, data := range files {
		if err := os.WriteFile(filepath.Join(work, name), data, 0o644); err != nil {
			return err
		}
	}
	if err := os.WriteFile(filepath.Join(work, "dovecot.conf"), []byte(conf), 0o644); err != nil {
		return err
	}
	p.run(ctx, nil, "", work, p.doveadm, "-c", "dovecot.conf", "-o", "mail_plugins=",
		"mailbox", "create", "INBOX", "Archive", "Junk", "Trash")
	return nil
}

// runPigeonhole returns the transcript of Pigeonhole handling case c, using
// work (an empty directory) for its files.
func (p *pigeonhole) runPigeonhole(ctx context.Context, work string, c oracleCase) (string, error) {
	if c.Env.From == "" {
		return p.runLDA(ctx, work, c)
	}
	conf := "mail_location = maildir:" + work + "/Maildir:LAYOUT=fs\npostmaster_address = postmaster@example.com\n"
	if err := p.prepare(ctx, work, c, conf); err != nil {
		return "", err
	}
	env := []string{"-f", c.Env.From, "-a", c.Env.To, "-r", c.Env.To}
	var tr transcript
	p.run(ctx, &tr, "sieve-test dry run", work, append(append([]string{p.sieveTest, "-c", "dovecot.conf",
		"-C", "-t", "trace.txt", "-Tlevel=matching"}, env...), "script.sieve", "message.eml")...)
	trace, _ := os.ReadFile(filepath.Join(work, "trace.txt"))
	tr.section("sieve-test trace (trace.txt of the dry run)", string(trace))
	if boxes := plannedMailboxes(tr.String()); len(boxes) > 0 {
		p.run(ctx, &tr, "doveadm create the mailboxes the dry run stores into", work, append([]string{p.doveadm,
			"-c", "dovecot.conf", "mailbox", "create"}, boxes...)...)
	}
	p.run(ctx, &tr, "sieve-test execute run", work, append(append([]string{p.sieveTest, "-c", "dovecot.conf", "-e"},
		env...), "script.sieve", "message.eml")...)
	p.run(ctx, &tr, "doveadm mailbox contents after execute run", work, p.doveadm, "-c", "dovecot.conf",
		"fetch", "mailbox flags", "all")
	return tr.String(), nil
}

// runLDA delivers with dovecot-lda; sendmail is a script that keeps every
// outgoing message in out/.
func (p *pigeonhole) runLDA(ctx context.Context, work string, c oracleCase) (string, error) {
	conf := "mail_location = maildir:" + work + "/Maildir:LAYOUT=fs\npostmaster_address = postmaster@example.com\n" +
		"mail_plugins = sieve\nlda_mailbox_autocreate = yes\nlog_path = /dev/stderr\nsendmail_path = " + work + "/sendmail.sh\n" +
		"plugin {\n  sieve = file:" + work + "/script.sieve\n}\n"
	if err := p.prepare(ctx, work, c, conf); err != nil {
		return "", err
	}
	out := filepath.Join(work, "out")
	capture := "#!/bin/sh\n{ echo \"SENDMAIL ARGS: $*\"; cat; } > " + out + "/$$\n"
	if err := os.WriteFile(filepath.Join(work, "sendmail.sh"), []byte(capture), 0o755); err != nil {
		return "", err
	}
	if err := os.Mkdir(out, 0o777); err != nil {
		return "", err
	}
	if err := os.Chmod(out, 0o777); err != nil {
		return "", err
	}
	var tr transcript
	p.run(ctx, &tr, "dovecot-lda delivery", work, p.lda, "-c", "dovecot.conf", "-f", "",
		"-a", c.Env.To, "-r", c.Env.To, "-p", "message.eml")
	entries, err := os.ReadDir(out)
	if err != nil {
		return "", err
	}
	var msgs []string
	for _, e := range entries {
		data, err := os.ReadFile(filepath.Join(out, e.Name()))
		if err != nil {
			return "", err
		}
		msgs = append(msgs, strings.ReplaceAll(string(data), "\r\n", "\n"))
	}
	sort.Strings(msgs)
	for i, m := range msgs {
		tr.section(fmt.Sprintf("dovecot-lda outgoing message %d", i+1), m)
	}
	p.run(ctx, &tr, "doveadm mailbox contents after delivery", work, p.doveadm, "-c", "dovecot.conf",
		"-o", "mail_plugins=", "fetch", "mailbox flags", "all")
	return tr.String(), nil
}

// plannedMailboxes lists the mailboxes a dry run stores into without
// :create. sieve-test -e, unlike the corpus' oracle, does not create a
// missing mailbox, so the harness creates them before the execute run.
func plannedMailboxes(text string) []string {
	dry := sectionsTitled(parseTranscript(text), "sieve-test dry run")
	if len(dry) != 1 {
		return nil
	}
	acts, err := parseDryActions(dry[0].Stdout)
	if err != nil {
		return nil
	}
	var out []string
	for _, a := range acts {
		box, ok := strings.CutPrefix(a.Text, "store message in folder: ")
		if ok && !slices.Contains(a.Effects, "create mailbox if it does not exist") &&
			!slices.Contains(append(out, oracleMailboxes...), box) {
			out = append(out, box)
		}
	}
	return out
}
