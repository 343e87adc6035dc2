package quota_test

import (
	"bytes"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/letterbox-mail/letterbox/maildir"
	"github.com/letterbox-mail/letterbox/quota"
)

const courierQuota = "800000S,1000C"

// courierTools returns the paths of deliverquota and maildirmake, or skips.
func courierTools(t *testing.T) (deliverquota, maildirmake string) {
	t.Helper()
	dq, err1 := exec.LookPath("deliverquota")
	mm, err2 := exec.LookPath("maildirmake")
	if err := errors.Join(err1, err2); err != nil {
		if os.Getenv("E2E_REQUIRED") == "1" {
			t.Fatalf("Courier tools (Debian maildrop) missing and E2E_REQUIRED=1: %v", err)
		}
		t.Skipf("Courier tools (Debian maildrop) missing: %v", err)
	}
	return dq, mm
}

func run(t *testing.T, name string, stdin []byte, args ...string) int {
	t.Helper()
	cmd := exec.CommandContext(t.Context(), name, args...)
	cmd.Stdin = bytes.NewReader(stdin)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	err := cmd.Run()
	var ee *exec.ExitError
	if errors.As(err, &ee) {
		return ee.ExitCode()
	}
	require.NoError(t, err, "%s %v: %s", name, args, stderr.String())
	return 0
}

// testMessage returns a message of exactly size bytes.
func testMessage(i, size int) []byte {
	h := fmt.Sprintf("Subject: message %d\n\n", i)
	return []byte(h + strings.Repeat("m", max(size-len(h)-1, 0)) + "\n")
}

// courierSide is the maildir that deliverquota writes.
type courierSide struct {
	t            *testing.T
	dq, mm, root string
	warnFile     string
}

func (c *courierSide) deliver(dir string, msg []byte) (string, bool) {
	before := listNew(c.t, dir)
	code := run(c.t, c.dq, msg, "-w", "90", "-W", c.warnFile, dir)
	require.Contains(c.t, []int{0, 77}, code, "deliverquota exit status")
	if code != 0 {
		return "", false
	}
	for n := range listNew(c.t, dir) {
		if _, ok := before[n]; !ok && !strings.Contains(n, "_warn.") {
			return filepath.Join(dir, "new", n), true
		}
	}
	c.t.Fatal("deliverquota delivered nothing")
	return "", false
}

func listNew(t *testing.T, dir string) map[string]struct{} {
	t.Helper()
	ents, err := os.ReadDir(filepath.Join(dir, "new"))
	require.NoError(t, err)
	out := make(map[string]struct{}, len(ents))
	for _, e := range ents {
		out[e.Name()] = struct{}{}
	}
	return out
}

// removeCourier deletes a message as Courier-IMAP would: unlink, then a
// padded negative line.
func removeCourier(t *testing.T, root, path string) {
	t.Helper()
	st, err := os.Stat(path)
	require.NoError(t, err)
	require.NoError(t, os.Remove(path))
	f, err := os.OpenFile(filepath.Join(root, quota.SizeFileName), os.O_WRONLY|os.O_APPEND, 0)
	require.NoError(t, err)
	_, err = fmt.Fprintf(f, "%12d %12d\n", -st.Size(), -1)
	require.NoError(t, errors.Join(err, f.Close()))
}

// warnBytes sums the sizes of the quota warnings in root/new.
func warnBytes(t *testing.T, root string) (n int, size int64) {
	t.Helper()
	for name := range listNew(t, root) {
		if strings.Contains(name, "_warn.") {
			st, err := os.Stat(filepath.Join(root, "new", name))
			require.NoError(t, err)
			n, size = n+1, size+st.Size()
		}
	}
	return n, size
}

// TestCourierDifferential runs the same 500 deliveries (with folder
// deliveries and deletions) through Letterbox and through Courier's
// deliverquota and compares maildirsize, verdicts, recalculations and
// warnings.
func TestCourierDifferential(t *testing.T) {
	t.Parallel()
	dq, mm := courierTools(t)
	host, err := os.Hostname()
	require.NoError(t, err)
	base := t.TempDir()
	warnFile, err := filepath.Abs(filepath.Join("testdata", "quotawarnmsg-courier"))
	require.NoError(t, err)

	c := &courierSide{t: t, dq: dq, mm: mm, root: filepath.Join(base, "courier"), warnFile: warnFile}
	require.Equal(t, 0, run(t, mm, nil, c.root))
	require.Equal(t, 0, run(t, mm, nil, "-q", courierQuota, c.root))
	require.Equal(t, 0, run(t, mm, nil, "-f", "Work", c.root))

	limits, err := quota.Parse(courierQuota)
	require.NoError(t, err)
	m, err := maildir.New(filepath.Join(base, "letterbox"), maildir.Options{NoFsync: true})
	require.NoError(t, err)
	require.NoError(t, m.Create())
	work, err := m.CreateFolder("Work")
	require.NoError(t, err)
	acct := quota.Account{Maildir: m, Limits: limits, User: "bob"}
	k := newKeeper(t, quota.Options{WarnMessageFile: warnFile, Hostname: host})

	rng := rand.New(rand.NewPCG(4, 2))
	var lbPaths, cPaths []string
	refused := 0
	for i := range 500 {
		size := 200 + rng.IntN(3800)
		msg := testMessage(i, size)
		d, cdir := m.Inbox(), c.root
		if i%50 == 7 {
			d, cdir = work, filepath.Join(c.root, ".Work")
		}
		lm, lerr := k.Deliver(t.Context(), acct, d, bytes.NewReader(msg), int64(len(msg)), maildir.DeliverOptions{})
		if lerr != nil {
			require.ErrorIs(t, lerr, quota.ErrExceeded)
		}
		cpath, cok := c.deliver(cdir, msg)
		require.Equal(t, cok, lerr == nil, "verdict of delivery %d (%d bytes)", i, len(msg))
		if cok {
			lbPaths, cPaths = append(lbPaths, lm.Path), append(cPaths, cpath)
		} else {
			refused++
		}
		if i%97 == 50 && len(lbPaths) > 3 {
			st, err := os.Stat(lbPaths[0])
			require.NoError(t, err)
			require.NoError(t, os.Remove(lbPaths[0]))
			require.NoError(t, k.Removed(t.Context(), acct, st.Size(), 1))
			removeCourier(t, c.root, cPaths[0])
			lbPaths, cPaths = lbPaths[1:], cPaths[1:]
		}
	}
	assert.Greater(t, refused, 10, "the sequence goes over quota")
	t.Logf("%d of 500 deliveries refused by both", refused)

	// The warning appeared once on each side.
	lw, lwSize := warnBytes(t, m.Root())
	cw, cwSize := warnBytes(t, c.root)
	require.Equal(t, 1, lw)
	require.Equal(t, 1, cw)
	assert.Equal(t, cwSize, lwSize, "same Date and Message-ID added")

	// Both files sum to the same totals.
	lHead, lSum := sumSizeFile(t, sizeFile(t, acct))
	cHead, cSum := sumSizeFile(t, readFile(t, filepath.Join(c.root, quota.SizeFileName)))
	assert.Equal(t, courierQuota, lHead)
	assert.Equal(t, courierQuota, cHead)
	assert.Equal(t, cSum, lSum)

	t.Logf("maildirsize totals: %+v", lSum)
	probeCrossVerdicts(t, k, c, acct, lSum)
	compareRecalculations(t, k, c, acct)

	// After 24 hours, the next delivery warns again on both sides.
	for _, root := range []string{m.Root(), c.root} {
		p := filepath.Join(root, quota.WarnStampName)
		old := time.Now().Add(-25 * time.Hour)
		require.NoError(t, os.Chtimes(p, old, old))
	}
	msg := testMessage(999, 100)
	_, _ = k.Deliver(t.Context(), acct, m.Inbox(), bytes.NewReader(msg), int64(len(msg)), maildir.DeliverOptions{})
	c.deliver(c.root, msg)
	lw, _ = warnBytes(t, m.Root())
	cw, _ = warnBytes(t, c.root)
	assert.Equal(t, 2, lw)
	assert.Equal(t, 2, cw)
}

func readFile(t *testing.T, p string) string {
	t.Helper()
	b, err := os.ReadFile(p)
	require.NoError(t, err)
	return string(b)
}

// copyMaildir copies a maildir with cp -a.
func copyMaildir(t *testing.T, src string) string {
	t.Helper()
	dst := filepath.Join(t.TempDir(), "copy")
	require.Equal(t, 0, run(t, "cp", nil, "-a", src, dst))
	return dst
}

// probeCrossVerdicts makes each tool judge the other's maildirsize for a
// message that just fits and one that does not.
func probeCrossVerdicts(t *testing.T, k *quota.Keeper, c *courierSide, acct quota.Account, usage quota.Usage) {
	t.Helper()
	sizes := []int{1}
	if room := 800000 - int(usage.Bytes); room > 40 {
		sizes = []int{room, room + 1}
	}
	for _, size := range sizes {
		msg := testMessage(1000+size, size)
		// Letterbox judges Courier's file (the file's limits apply).
		cm, err := maildir.New(copyMaildir(t, c.root), maildir.Options{})
		require.NoError(t, err)
		_, lerr := k.Check(t.Context(), quota.Account{Maildir: cm}, cm.Inbox(), int64(len(msg)))
		// deliverquota judges Letterbox's file.
		code := run(t, c.dq, msg, copyMaildir(t, acct.Maildir.Root()))
		assert.Equal(t, lerr == nil, code == 0, "cross verdicts for %d bytes: letterbox %v, deliverquota %d", size, lerr, code)
		// And each judges its own.
		_, own := k.Check(t.Context(), acct, acct.Maildir.Inbox(), int64(len(msg)))
		assert.Equal(t, lerr == nil, own == nil, "letterbox on both files, %d bytes", size)
	}
}

// compareRecalculations rebuilds both maildirsize files with both tools.
func compareRecalculations(t *testing.T, k *quota.Keeper, c *courierSide, acct quota.Account) {
	t.Helper()
	var sums []quota.Usage
	for _, root := range []string{acct.Maildir.Root(), c.root} {
		cp := copyMaildir(t, root)
		require.Equal(t, 0, run(t, c.mm, nil, "-q", courierQuota, cp))
		_, courierSum := sumSizeFile(t, readFile(t, filepath.Join(cp, quota.SizeFileName)))
		md, err := maildir.New(root, maildir.Options{})
		require.NoError(t, err)
		st, err := k.Recalculate(t.Context(), quota.Account{Maildir: md})
		require.NoError(t, err)
		assert.Equal(t, courierSum, st.Usage, "recalculations of %s", root)
		sums = append(sums, st.Usage)
	}
	assert.Equal(t, sums[0], sums[1], "both maildirs hold the same")
}
