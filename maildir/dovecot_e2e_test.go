package maildir_test

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"io"
	"io/fs"
	"net"
	"net/textproto"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/letterbox-mail/letterbox/maildir"
)

// requireDovecot skips the test when Dovecot cannot run here, unless
// E2E_REQUIRED=1, when it fails instead.
func requireDovecot(t *testing.T) {
	t.Helper()
	why := ""
	if _, err := exec.LookPath("dovecot"); err != nil {
		why = "dovecot is not installed"
	} else if os.Geteuid() != 0 {
		why = "starting a private Dovecot needs root"
	}
	if why == "" {
		return
	}
	if os.Getenv("E2E_REQUIRED") == "1" {
		t.Fatalf("%s (E2E_REQUIRED=1)", why)
	}
	t.Skip(why)
}

// loopbackPort returns a loopback TCP port that was free a moment ago.
func loopbackPort(t *testing.T) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	defer l.Close()
	return strconv.Itoa(l.Addr().(*net.TCPAddr).Port)
}

// startDovecot runs testdata/dovecot-up.sh in a fresh directory (short
// and reachable by Dovecot's users, unlike t.TempDir) and returns the
// directory and the script's KEY=VALUE output. Cleanup stops it.
func startDovecot(t *testing.T) (string, map[string]string) {
	t.Helper()
	dir, err := os.MkdirTemp("", "lbx-dc")
	require.NoError(t, err)
	require.NoError(t, os.Chmod(dir, 0o755))
	scripts, err := filepath.Abs("testdata")
	require.NoError(t, err)
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		down := exec.CommandContext(ctx, filepath.Join(scripts, "dovecot-down.sh"), dir)
		assert.NoError(t, down.Run())
		if !t.Failed() {
			os.RemoveAll(dir)
		}
	})
	ctx, cancel := context.WithTimeout(t.Context(), 2*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, filepath.Join(scripts, "dovecot-up.sh"), dir, loopbackPort(t), loopbackPort(t), filepath.Join(dir, "mail"))
	cmd.Env = append(os.Environ(), "E2E_USERS=alice:alicepw")
	// Files, not pipes: the Dovecot master inherits them and outlives the
	// script, so a pipe would never reach EOF.
	stdout, err := os.Create(filepath.Join(dir, "up.out"))
	require.NoError(t, err)
	defer stdout.Close()
	stderr, err := os.Create(filepath.Join(dir, "up.err"))
	require.NoError(t, err)
	defer stderr.Close()
	cmd.Stdout, cmd.Stderr = stdout, stderr
	if err := cmd.Run(); err != nil {
		msg, _ := os.ReadFile(stderr.Name())
		t.Fatalf("dovecot-up.sh: %v\n%s", err, msg)
	}
	out, err := os.ReadFile(stdout.Name())
	require.NoError(t, err)
	vars := map[string]string{}
	for line := range strings.SplitSeq(string(out), "\n") {
		if k, v, ok := strings.Cut(line, "="); ok {
			vars[k] = v
		}
	}
	return dir, vars
}

// chownTree gives the mail user everything under root (Dovecot runs as it).
func chownTree(t *testing.T, root, uid, gid string) {
	t.Helper()
	u, err := strconv.Atoi(uid)
	require.NoError(t, err)
	g, err := strconv.Atoi(gid)
	require.NoError(t, err)
	require.NoError(t, filepath.WalkDir(root, func(p string, _ fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		return os.Lchown(p, u, g)
	}))
}

// e2eDelivery is one message delivered by TestDovecot_servesMaildir.
type e2eDelivery struct {
	folder, flags string // as given to this package
	mailbox       string // as Dovecot (separator '.', modified UTF-7) names it
	wantFlags     string // IMAP flags FETCH must show, \Recent left out
}

var e2eDeliveries = []e2eDelivery{
	{"INBOX", "", "INBOX", ""},
	{"Junk", "S", "Junk", `\Seen`},
	{"Entwürfe", "FS", "Entw&APw-rfe", `\Flagged \Seen`},
	{"Work/Projects", "", "Work.Projects", ""},
}

// TestDovecot_servesMaildir fills a maildir with this package (INBOX,
// Junk, Entwürfe and an unsubscribed Work/Projects, both subscription
// files) and reads it back from a private Dovecot over IMAP.
func TestDovecot_servesMaildir(t *testing.T) {
	t.Parallel()
	requireDovecot(t)
	msg, err := os.ReadFile(filepath.Join("testdata", "e2e-message.eml"))
	require.NoError(t, err)
	dir, vars := startDovecot(t)
	chown := func(root string) { chownTree(t, root, vars["DOVECOT_MAIL_UID"], vars["DOVECOT_MAIL_GID"]) }

	m, err := maildir.New(filepath.Join(dir, "mail", "example.com", "alice"),
		maildir.Options{Hostname: "e2e.example", SpecialFolders: []string{"Junk", "Entwürfe"}})
	require.NoError(t, err)
	require.NoError(t, m.CreateSpecialFolders())
	for _, d := range e2eDeliveries {
		dst, err := m.CreateFolder(d.folder)
		require.NoError(t, err)
		_, err = dst.Deliver(t.Context(), bytes.NewReader(msg), maildir.DeliverOptions{Flags: d.flags})
		require.NoError(t, err)
	}
	chown(filepath.Join(dir, "mail", "example.com"))

	c := dialIMAP(t, vars["DOVECOT_IMAP"])
	c.run(t, "LOGIN alice alicepw")
	list := c.mailboxes(t, `LIST "" "*"`)
	for _, d := range e2eDeliveries {
		require.Contains(t, list, d.mailbox)
		assert.NotContains(t, list[d.mailbox], `\NonExistent`, d.mailbox)
	}
	assert.Contains(t, decodeMailboxes(t, list), "Entwürfe")
	assert.Equal(t, []string{"Entwürfe", "Junk"}, decodeMailboxes(t, c.mailboxes(t, `LSUB "" "*"`)))
	for _, d := range e2eDeliveries {
		c.run(t, fmt.Sprintf("EXAMINE %q", d.mailbox))
		flags, body := c.fetch(t)
		assert.Equal(t, d.wantFlags, strings.TrimSpace(strings.ReplaceAll(flags, `\Recent`, "")), d.mailbox)
		assert.Equal(t, string(msg), string(body), d.mailbox)
	}

	// Dovecot rewrites the file under its own dotlock; this package reads
	// the result and edits it again.
	c.run(t, `SUBSCRIBE "Work.Projects"`)
	subs, err := m.Subscriptions()
	require.NoError(t, err)
	assert.Equal(t, []string{"Entwürfe", "Junk", "Work/Projects"}, subs)
	require.NoError(t, m.Unsubscribe("Junk"))
	chown(m.Root())
	assert.Equal(t, []string{"Entwürfe", "Work.Projects"}, decodeMailboxes(t, c.mailboxes(t, `LSUB "" "*"`)))
	c.run(t, "LOGOUT")
}

// decodeMailboxes returns the sorted UTF-8 names of Dovecot's mailboxes
// (modified UTF-7, separator '.').
func decodeMailboxes(t *testing.T, boxes map[string][]string) []string {
	t.Helper()
	var names []string
	for name := range boxes {
		if name != "INBOX" {
			var err error
			name, err = maildir.DecodeFolderName("."+name, maildir.Options{Separator: '.'})
			require.NoError(t, err)
		}
		names = append(names, name)
	}
	slices.Sort(names)
	return names
}

// imapClient is the least IMAP4rev1 client the e2e test needs: tagged
// commands, untagged lines, and literals ({n} at the end of a line).
type imapClient struct {
	conn net.Conn
	r    *textproto.Reader
	br   *bufio.Reader
	tag  int
}

// imapLine is one untagged response with the literals it carried.
type imapLine struct {
	text     string
	literals [][]byte
}

func dialIMAP(t *testing.T, addr string) *imapClient {
	t.Helper()
	conn, err := net.DialTimeout("tcp", addr, 10*time.Second)
	require.NoError(t, err)
	t.Cleanup(func() { conn.Close() })
	require.NoError(t, conn.SetDeadline(time.Now().Add(time.Minute)))
	br := bufio.NewReader(conn)
	c := &imapClient{conn: conn, r: textproto.NewReader(br), br: br}
	greeting, err := c.r.ReadLine()
	require.NoError(t, err)
	require.True(t, strings.HasPrefix(greeting, "* OK"), greeting)
	return c
}

var literalRE = regexp.MustCompile(`\{(\d+)\}$`)

// run sends one command and returns its untagged responses; it fails the
// test unless the tagged answer is OK.
func (c *imapClient) run(t *testing.T, cmd string) []imapLine {
	t.Helper()
	c.tag++
	tag := fmt.Sprintf("a%d", c.tag)
	_, err := fmt.Fprintf(c.conn, "%s %s\r\n", tag, cmd)
	require.NoError(t, err)
	var lines []imapLine
	for {
		l, err := c.readLine()
		require.NoError(t, err)
		if rest, ok := strings.CutPrefix(l.text, tag+" "); ok {
			require.True(t, strings.HasPrefix(rest, "OK"), "%s: %s", cmd, rest)
			return lines
		}
		lines = append(lines, l)
	}
}

// readLine reads one response line, following literals into the lines
// after them.
func (c *imapClient) readLine() (imapLine, error) {
	var l imapLine
	for {
		s, err := c.r.ReadLine()
		if err != nil {
			return l, err
		}
		l.text += s
		m := literalRE.FindStringSubmatch(s)
		if m == nil {
			return l, nil
		}
		n, _ := strconv.Atoi(m[1])
		lit := make([]byte, n)
		if _, err := io.ReadFull(c.br, lit); err != nil {
			return l, err
		}
		l.literals = append(l.literals, lit)
	}
}

var listRE = regexp.MustCompile(`^\* (?:LIST|LSUB) \(([^)]*)\) (?:"[^"]*"|NIL) (.+)$`)

// mailboxes runs LIST or LSUB and returns mailbox name -> attributes.
func (c *imapClient) mailboxes(t *testing.T, cmd string) map[string][]string {
	t.Helper()
	out := map[string][]string{}
	for _, l := range c.run(t, cmd) {
		m := listRE.FindStringSubmatch(l.text)
		require.NotNil(t, m, l.text)
		name := m[2]
		if unq, err := strconv.Unquote(name); err == nil {
			name = unq
		}
		out[name] = strings.Fields(m[1])
	}
	return out
}

var flagsRE = regexp.MustCompile(`FLAGS \(([^)]*)\)`)

// fetch returns the flags and the raw body of message 1 of the selected
// mailbox.
func (c *imapClient) fetch(t *testing.T) (string, []byte) {
	t.Helper()
	for _, l := range c.run(t, "FETCH 1 (FLAGS BODY.PEEK[])") {
		if strings.HasPrefix(l.text, "* 1 FETCH") {
			m := flagsRE.FindStringSubmatch(l.text)
			require.NotNil(t, m, l.text)
			require.Len(t, l.literals, 1, l.text)
			return m[1], l.literals[0]
		}
	}
	t.Fatal("no FETCH response")
	return "", nil
}
