package quota_test

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/letterbox-mail/letterbox/maildir"
	"github.com/letterbox-mail/letterbox/quota"
)

// warnings returns the quota warnings in the top-level new/.
func warnings(t testing.TB, acct quota.Account) []string {
	t.Helper()
	ents, err := os.ReadDir(filepath.Join(acct.Maildir.Root(), "new"))
	require.NoError(t, err)
	var out []string
	for _, e := range ents {
		n, err := maildir.ParseName(e.Name())
		require.NoError(t, err)
		if n.Uniq == "warn" {
			out = append(out, e.Name())
		}
	}
	return out
}

func warnKeeper(t *testing.T, percents []int) (*quota.Keeper, *time.Time) {
	t.Helper()
	k := newKeeper(t, quota.Options{WarnMessageFile: filepath.Join("testdata", "quotawarnmsg"), WarnPercents: percents})
	now := time.Now()
	quota.SetClock(k, func() time.Time { return now })
	return k, &now
}

// ageStamp moves the quotawarn stamp's mtime back by d.
func ageStamp(t *testing.T, acct quota.Account, d time.Duration) {
	t.Helper()
	p := filepath.Join(acct.Maildir.Root(), quota.WarnStampName)
	st, err := os.Stat(p)
	require.NoError(t, err)
	require.NoError(t, os.Chtimes(p, st.ModTime().Add(-d), st.ModTime().Add(-d)))
}

func TestKeeper_warning_oncePer24h(t *testing.T) {
	t.Parallel()
	acct := newAccount(t, quota.Limits{Bytes: 10000})
	k, _ := warnKeeper(t, nil)
	_, err := deliverSize(t, k, acct, acct.Maildir.Inbox(), 8900) // 89%: no warning
	require.NoError(t, err)
	assert.Empty(t, warnings(t, acct))
	_, err = deliverSize(t, k, acct, acct.Maildir.Inbox(), 100) // 90%
	require.NoError(t, err)
	w := warnings(t, acct)
	require.Len(t, w, 1)

	// The warning counts toward the quota.
	_, sum := sumSizeFile(t, sizeFile(t, acct))
	wst, err := os.Stat(filepath.Join(acct.Maildir.Root(), "new", w[0]))
	require.NoError(t, err)
	assert.Equal(t, quota.Usage{Bytes: 9000 + wst.Size(), Messages: 3}, sum)

	_, err = deliverSize(t, k, acct, acct.Maildir.Inbox(), 10)
	require.NoError(t, err)
	assert.Len(t, warnings(t, acct), 1, "throttled within 24 h")

	ageStamp(t, acct, 24*time.Hour-time.Minute)
	_, err = deliverSize(t, k, acct, acct.Maildir.Inbox(), 10)
	require.NoError(t, err)
	assert.Len(t, warnings(t, acct), 1, "still throttled")

	ageStamp(t, acct, 2*time.Minute)
	_, err = deliverSize(t, k, acct, acct.Maildir.Inbox(), 10)
	require.NoError(t, err)
	assert.Len(t, warnings(t, acct), 2, "after 24 h, warned again")
}

func TestKeeper_warning_overQuotaAndFolder(t *testing.T) {
	t.Parallel()
	acct := newAccount(t, quota.Limits{Bytes: 1000})
	work, err := acct.Maildir.CreateFolder("Work")
	require.NoError(t, err)
	k, _ := warnKeeper(t, nil)
	_, err = deliverSize(t, k, acct, work, 950) // 95%: warning into the top-level INBOX
	require.NoError(t, err)
	require.Len(t, warnings(t, acct), 1)
	_, sum := sumSizeFile(t, sizeFile(t, acct))
	require.Greater(t, sum.Bytes, int64(1000), "the warning itself took the mailbox over quota")

	ageStamp(t, acct, 25*time.Hour)
	_, err = deliverSize(t, k, acct, work, 10) // refused, and warned again
	require.ErrorIs(t, err, quota.ErrExceeded)
	require.Len(t, warnings(t, acct), 2, "warned even over quota")
	_, sum = sumSizeFile(t, sizeFile(t, acct))
	assert.Equal(t, int64(3), sum.Messages, "both warnings count")
}

func TestKeeper_warning_thresholds(t *testing.T) {
	t.Parallel()
	acct := newAccount(t, quota.Limits{Messages: 100})
	k, _ := warnKeeper(t, []int{80, 95})
	for range 79 {
		_, err := deliverSize(t, k, acct, acct.Maildir.Inbox(), 1)
		require.NoError(t, err)
	}
	assert.Empty(t, warnings(t, acct))
	_, err := deliverSize(t, k, acct, acct.Maildir.Inbox(), 1) // 80 messages, + warning
	require.NoError(t, err)
	assert.Len(t, warnings(t, acct), 1)
	for range 13 { // 94 messages
		_, err := deliverSize(t, k, acct, acct.Maildir.Inbox(), 1)
		require.NoError(t, err)
	}
	assert.Len(t, warnings(t, acct), 1)
	_, err = deliverSize(t, k, acct, acct.Maildir.Inbox(), 1) // 95 + 1 warning = 96%
	require.NoError(t, err)
	assert.Len(t, warnings(t, acct), 2, "a higher threshold warns within 24 h")
	b, err := os.ReadFile(filepath.Join(acct.Maildir.Root(), quota.WarnStampName))
	require.NoError(t, err)
	assert.Equal(t, "95\n", string(b))
}

func TestKeeper_warning_courierStampThrottles(t *testing.T) {
	t.Parallel()
	acct := newAccount(t, quota.Limits{Bytes: 1000})
	require.NoError(t, os.WriteFile(filepath.Join(acct.Maildir.Root(), quota.WarnStampName), []byte{0}, 0o644))
	k, _ := warnKeeper(t, []int{50, 90})
	_, err := deliverSize(t, k, acct, acct.Maildir.Inbox(), 950)
	require.NoError(t, err)
	assert.Empty(t, warnings(t, acct))
}

func TestKeeper_warning_noTemplateNoWarning(t *testing.T) {
	t.Parallel()
	acct := newAccount(t, quota.Limits{Bytes: 1000})
	k := newKeeper(t, quota.Options{})
	_, err := deliverSize(t, k, acct, acct.Maildir.Inbox(), 999)
	require.NoError(t, err)
	assert.Empty(t, warnings(t, acct))
	_, err = os.Stat(filepath.Join(acct.Maildir.Root(), quota.WarnStampName))
	assert.ErrorIs(t, err, os.ErrNotExist)
}
