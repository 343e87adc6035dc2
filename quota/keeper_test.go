package quota_test

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/letterbox-mail/letterbox/quota"
)

func TestKeeper_Deliver_bookkeeping(t *testing.T) {
	t.Parallel()
	acct := newAccount(t, quota.Limits{Bytes: 10000, Messages: 100})
	k := newKeeper(t, quota.Options{})
	m, err := deliverSize(t, k, acct, acct.Maildir.Inbox(), 300)
	require.NoError(t, err)
	assert.Equal(t, int64(300), m.Size)
	// Missing file → rebuilt (0 0), then the delivery appended.
	assert.Equal(t, "10000S,100C\n0 0\n300 1\n", sizeFile(t, acct))
	_, err = deliverSize(t, k, acct, acct.Maildir.Inbox(), 50)
	require.NoError(t, err)
	assert.Equal(t, "10000S,100C\n0 0\n300 1\n50 1\n", sizeFile(t, acct))

	st, err := k.Status(t.Context(), acct)
	require.NoError(t, err)
	assert.Equal(t, quota.Status{Usage: quota.Usage{Bytes: 350, Messages: 2},
		Limit: quota.Usage{Bytes: 10000, Messages: 100}, Percent: 3, Quota: true}, st)
}

func TestKeeper_Deliver_overQuota(t *testing.T) {
	t.Parallel()
	for _, permanent := range []bool{false, true} {
		acct := newAccount(t, quota.Limits{Bytes: 1000})
		k := newKeeper(t, quota.Options{OverQuotaPermanent: permanent})
		_, err := deliverSize(t, k, acct, acct.Maildir.Inbox(), 1000) // exactly full fits
		require.NoError(t, err)
		_, err = deliverSize(t, k, acct, acct.Maildir.Inbox(), 1)
		require.ErrorIs(t, err, quota.ErrExceeded)
		var ee *quota.ExceededError
		require.ErrorAs(t, err, &ee)
		assert.Equal(t, quota.ExceededError{Folder: "INBOX", Size: 1, Usage: quota.Usage{Bytes: 1000, Messages: 1},
			Limit: quota.Usage{Bytes: 1000}, Permanent: permanent}, *ee)
		assert.Contains(t, err.Error(), "quota: exceeded in INBOX")
		ents, err := os.ReadDir(filepath.Join(acct.Maildir.Root(), "new"))
		require.NoError(t, err)
		assert.Len(t, ents, 1, "nothing stored over quota")
	}
}

func TestKeeper_Deliver_messageCount(t *testing.T) {
	t.Parallel()
	acct := newAccount(t, quota.Limits{Messages: 2})
	k := newKeeper(t, quota.Options{})
	for range 2 {
		_, err := deliverSize(t, k, acct, acct.Maildir.Inbox(), 10)
		require.NoError(t, err)
	}
	_, err := deliverSize(t, k, acct, acct.Maildir.Inbox(), 10)
	require.ErrorIs(t, err, quota.ErrExceeded)
}

// TestKeeper_recalculationRules covers each Maildir++ rule for trusting or
// rebuilding maildirsize. The maildir holds one 100-byte message; the file
// says something else.
func TestKeeper_recalculationRules(t *testing.T) {
	t.Parallel()
	const rebuilt = "1000S\n100 1\n"
	tests := []struct {
		name    string
		content string
		age     time.Duration
		want    string // file after Check; "" = unchanged
		over    bool
	}{
		{name: "missing", content: "", want: rebuilt},
		{name: "under quota trusted", content: "1000S\n500 5\n", want: ""},
		{name: "under quota trusted many lines", content: "1000S\n500 5\n1 1\n1 1\n", want: ""},
		{name: "over, one line, fresh: trusted", content: "1000S\n990 1\n", want: "", over: true},
		{name: "over, one line, 16 minutes old", content: "1000S\n990 1\n", age: 16 * time.Minute, want: rebuilt},
		{name: "over, two lines", content: "1000S\n500 1\n490 1\n", want: rebuilt},
		{name: "5120 bytes", content: "1000S\n" + strings.Repeat("0 0\n", 1280), want: rebuilt},
		{name: "just below 5120 bytes", content: "1000S\n" + strings.Repeat("0 0\n", 1278), want: ""},
		{name: "negative bytes", content: "1000S\n-500 1\n", want: rebuilt},
		{name: "negative count", content: "1000S\n5 -1\n", want: rebuilt},
		{name: "garbage line", content: "1000S\n5 1\nhello\n", want: rebuilt},
		{name: "NUL byte", content: "1000S\n5 1\x00\n", want: rebuilt},
		{name: "other limits", content: "2000S\n5 1\n", want: rebuilt},
		{name: "padded Courier lines", content: "1000S\n          18            1\n", want: ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			acct := newAccount(t, quota.Limits{Bytes: 1000})
			putFile(t, filepath.Join(acct.Maildir.Root(), "cur"), "1.M1P1.mx.test,S=100:2,S", 100)
			k := newKeeper(t, quota.Options{})
			if tt.content != "" {
				writeSizeFile(t, acct, tt.content)
			}
			if tt.age > 0 {
				quota.SetClock(k, func() time.Time { return time.Now().Add(tt.age) })
			}
			_, err := k.Check(t.Context(), acct, acct.Maildir.Inbox(), 20)
			if tt.over {
				require.ErrorIs(t, err, quota.ErrExceeded)
			} else {
				require.NoError(t, err)
			}
			want := tt.want
			if want == "" {
				want = tt.content
			}
			assert.Equal(t, want, sizeFile(t, acct))
		})
	}
}

func TestKeeper_Recalculate_counting(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name       string
		limits     string
		countTrash bool
		want       quota.Usage
	}{
		{name: "courier", limits: "100000S", want: quota.Usage{Bytes: 10 + 20 + 7 + 40, Messages: 4}},
		{name: "dovecot counts trash", limits: "100000S", countTrash: true,
			want: quota.Usage{Bytes: 10 + 20 + 7 + 40 + 1000 + 500, Messages: 6}},
		{name: "ignore rule", limits: "*:bytes=100000;Work:ignore", want: quota.Usage{Bytes: 10 + 20 + 7, Messages: 3}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			l, err := quota.Parse(tt.limits)
			require.NoError(t, err)
			acct := newAccount(t, l)
			root := acct.Maildir.Root()
			putFile(t, filepath.Join(root, "new"), "1.M1P1.mx.test,S=10", 3)          // ,S= wins over stat
			putFile(t, filepath.Join(root, "cur"), "2.M1P1.mx.test,S=20,W=21:2,S", 3) // with ,W=
			putFile(t, filepath.Join(root, "cur"), "3.oldstyle", 7)                   // stat
			putFile(t, filepath.Join(root, "cur"), "4.M1P1.mx.test,S=500:2,ST", 1)    // deleted
			putFile(t, filepath.Join(root, "tmp"), "5.M1P1.mx.test,S=900", 1)         // tmp never counts
			putFile(t, filepath.Join(root, ".Work", "new"), "6.M1P1.mx.test,S=40", 1) // folder
			putFile(t, filepath.Join(root, ".Trash", "cur"), "7.M1P1.mx.test,S=1000:2,S", 1)
			putFile(t, filepath.Join(root, "new"), ".hidden", 1)
			require.NoError(t, os.Symlink(filepath.Join(root, ".Work"), filepath.Join(root, ".Link")))
			k := newKeeper(t, quota.Options{CountTrash: tt.countTrash})
			st, err := k.Recalculate(t.Context(), acct)
			require.NoError(t, err)
			assert.Equal(t, tt.want, st.Usage)
			_, sum := sumSizeFile(t, sizeFile(t, acct))
			assert.Equal(t, tt.want, sum)
			ents, err := os.ReadDir(filepath.Join(root, "tmp"))
			require.NoError(t, err)
			assert.Len(t, ents, 1, "rebuild leaves nothing in tmp/")
		})
	}
}

func TestKeeper_Deliver_trashNotCharged(t *testing.T) {
	t.Parallel()
	acct := newAccount(t, quota.Limits{Bytes: 100})
	trash, err := acct.Maildir.CreateFolder("Trash")
	require.NoError(t, err)
	k := newKeeper(t, quota.Options{})
	_, err = deliverSize(t, k, acct, trash, 500) // Courier: Trash is outside the quota
	require.NoError(t, err)
	_, err = os.Stat(filepath.Join(acct.Maildir.Root(), quota.SizeFileName))
	require.ErrorIs(t, err, os.ErrNotExist, "Trash deliveries do not touch maildirsize")

	k = newKeeper(t, quota.Options{CountTrash: true})
	_, err = deliverSize(t, k, acct, trash, 500)
	require.ErrorIs(t, err, quota.ErrExceeded, "Dovecot counts Trash")
}

func TestKeeper_Deliver_folderRule(t *testing.T) {
	t.Parallel()
	l, err := quota.ParseDovecot("*:bytes=1000", "Trash:bytes=+1000")
	require.NoError(t, err)
	acct := newAccount(t, l)
	trash, err := acct.Maildir.CreateFolder("Trash")
	require.NoError(t, err)
	k := newKeeper(t, quota.Options{CountTrash: true})
	_, err = deliverSize(t, k, acct, acct.Maildir.Inbox(), 900)
	require.NoError(t, err)
	_, err = deliverSize(t, k, acct, acct.Maildir.Inbox(), 200)
	require.ErrorIs(t, err, quota.ErrExceeded)
	_, err = deliverSize(t, k, acct, trash, 200) // Trash has 1000 bytes of headroom
	require.NoError(t, err)
	_, sum := sumSizeFile(t, sizeFile(t, acct))
	assert.Equal(t, quota.Usage{Bytes: 1100, Messages: 2}, sum)
}

func TestKeeper_noLimits(t *testing.T) {
	t.Parallel()
	acct := newAccount(t, quota.Limits{})
	k := newKeeper(t, quota.Options{})
	_, err := deliverSize(t, k, acct, acct.Maildir.Inbox(), 500)
	require.NoError(t, err)
	_, err = os.Stat(filepath.Join(acct.Maildir.Root(), quota.SizeFileName))
	require.ErrorIs(t, err, os.ErrNotExist, "no quota, no maildirsize")
	_, err = os.Stat(filepath.Join(acct.Maildir.Root(), quota.LockFileName))
	require.ErrorIs(t, err, os.ErrNotExist, "no quota, no lock file")

	// A maildirsize made by maildirmake -q sets the quota.
	writeSizeFile(t, acct, "600S\n500 1\n")
	_, err = deliverSize(t, k, acct, acct.Maildir.Inbox(), 50)
	require.NoError(t, err)
	_, err = deliverSize(t, k, acct, acct.Maildir.Inbox(), 100)
	require.ErrorIs(t, err, quota.ErrExceeded)
	// Over quota with two usage lines: recounted before refusing.
	assert.Equal(t, "600S\n550 2\n", sizeFile(t, acct))
}

func TestKeeper_RemovedAdded(t *testing.T) {
	t.Parallel()
	acct := newAccount(t, quota.Limits{Bytes: 1000})
	k := newKeeper(t, quota.Options{})
	_, err := deliverSize(t, k, acct, acct.Maildir.Inbox(), 100)
	require.NoError(t, err)
	require.NoError(t, k.Removed(t.Context(), acct, 100, 1))
	require.NoError(t, k.Added(t.Context(), acct, 7, 1))
	assert.Equal(t, "1000S\n0 0\n100 1\n-100 -1\n7 1\n", sizeFile(t, acct))
}

func TestKeeper_sink(t *testing.T) {
	t.Parallel()
	sink := &recordingSink{}
	acct := newAccount(t, quota.Limits{Bytes: 1000})
	k := newKeeper(t, quota.Options{Sink: sink})
	_, err := deliverSize(t, k, acct, acct.Maildir.Inbox(), 100)
	require.NoError(t, err)
	assert.Equal(t, []quota.Usage{{}, {Bytes: 100, Messages: 1}}, sink.reports, "recalculation, then delivery")
	_, err = k.Recalculate(t.Context(), acct)
	require.NoError(t, err)
	assert.Equal(t, quota.Usage{Bytes: 100, Messages: 1}, sink.last())
}

func TestKeeper_sinkFailureNeverFailsDelivery(t *testing.T) {
	t.Parallel()
	var logs strings.Builder
	sink := &recordingSink{err: os.ErrDeadlineExceeded}
	acct := newAccount(t, quota.Limits{Bytes: 1000})
	k := newKeeper(t, quota.Options{Sink: sink, Logger: newTextLogger(&logs)})
	_, err := deliverSize(t, k, acct, acct.Maildir.Inbox(), 100)
	require.NoError(t, err)
	assert.Contains(t, logs.String(), "quota: usage sink")
	assert.Contains(t, logs.String(), "bob@example.org")
}

func TestKeeper_canceledContext(t *testing.T) {
	t.Parallel()
	acct := newAccount(t, quota.Limits{Bytes: 1000})
	k := newKeeper(t, quota.Options{})
	ctx, cancel := contextWithCancel(t)
	cancel()
	_, err := k.Deliver(ctx, acct, acct.Maildir.Inbox(), strings.NewReader("x"), 1, deliverOpts())
	require.Error(t, err)
	assert.NotErrorIs(t, err, quota.ErrExceeded)
}

func TestNew_badPercent(t *testing.T) {
	t.Parallel()
	_, err := quota.New(quota.Options{WarnPercents: []int{0}})
	require.Error(t, err)
	_, err = quota.New(quota.Options{WarnMessageFile: filepath.Join(t.TempDir(), "missing")})
	require.ErrorIs(t, err, os.ErrNotExist)
}

// TestKeeper_rebuildRace: when the directories change during every
// rebuild, the count is redone five times and then the delivery is let
// through, as Courier does.
func TestKeeper_rebuildRace(t *testing.T) {
	t.Parallel()
	acct := newAccount(t, quota.Limits{Bytes: 1000})
	writeSizeFile(t, acct, "1000S\n990 1\n5 1\n") // over, two lines: rebuild
	k := newKeeper(t, quota.Options{})
	rebuilds := 0
	quota.SetAfterRebuild(k, func() {
		rebuilds++
		putFile(t, filepath.Join(acct.Maildir.Root(), "new"), fmt.Sprintf("race%d,S=1", rebuilds), 1)
	})
	_, err := k.Check(t.Context(), acct, acct.Maildir.Inbox(), 100)
	require.NoError(t, err, "let through after five races")
	assert.Equal(t, 5, rebuilds)

	quota.SetAfterRebuild(k, func() { rebuilds++ })
	st, err := k.Recalculate(t.Context(), acct)
	require.NoError(t, err)
	assert.Equal(t, quota.Usage{Bytes: 5, Messages: 5}, st.Usage, "a quiet rebuild counts what is there")
	assert.Equal(t, 6, rebuilds)
}
