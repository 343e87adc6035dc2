package quota

import (
	"bytes"
	"context"
	"errors"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/letterbox-mail/letterbox/maildir"
)

// WarnStampName is the throttle file of quota warnings in the top maildir
// (Courier's "quotawarn").
const WarnStampName = "quotawarn"

// warnInterval is the minimum time between two warnings (Courier).
const warnInterval = 24 * time.Hour

// warn sends the quota warning when usage reached a threshold and the
// stamp allows it. Errors are logged: a warning never fails a delivery.
func (k *Keeper) warn(ctx context.Context, s *session) {
	if k.template == nil || !s.hasQuota() {
		return
	}
	lim := s.defaultLimit()
	pct := Percent(s.usage, lim)
	level := 0
	for _, p := range k.percents {
		if pct >= p && p > level {
			level = p
		}
	}
	if level == 0 || !k.takeWarnStamp(ctx, s, level) {
		return
	}
	vars := TemplateVars{Address: s.acct.Address, User: s.acct.User, Percent: pct, Threshold: level,
		Usage: s.usage, Limit: lim}
	msg := k.template.Render(vars, k.now(), k.host)
	if err := s.lockShared(); err != nil {
		k.logCheck(ctx, err, s.acct, "deliver quota warning")
		return
	}
	defer s.unlock()
	m, err := s.acct.Maildir.Inbox().Deliver(ctx, bytes.NewReader(msg), maildir.DeliverOptions{Uniq: "warn"})
	if err != nil {
		k.logCheck(ctx, err, s.acct, "deliver quota warning")
		return
	}
	if s.counter.counted("") {
		k.logCheck(ctx, s.add(ctx, Usage{Bytes: m.Size, Messages: 1}), s.acct, "append to maildirsize")
	}
	k.log.LogAttrs(ctx, slog.LevelInfo, "quota: warning sent", slog.String("user", s.acct.User),
		slog.Int("percent", pct), slog.Int("threshold", level))
}

// takeWarnStamp checks and renews the quotawarn stamp as Courier does: no
// warning while the stamp is less than 24 hours old, none when it cannot
// be examined. Letterbox writes the threshold into the stamp (Courier
// ignores its contents), so a higher threshold reached within the 24 hours
// still warns; a stamp without a number (Courier's) throttles every level.
func (k *Keeper) takeWarnStamp(ctx context.Context, s *session, level int) bool {
	p := filepath.Join(s.root, WarnStampName)
	st, err := os.Lstat(p)
	switch {
	case err == nil && k.now().Before(st.ModTime().Add(warnInterval)):
		b, rerr := os.ReadFile(p)
		prev, perr := strconv.Atoi(strings.TrimSpace(string(b)))
		if rerr != nil || perr != nil || prev >= level {
			return false
		}
	case err != nil && !errors.Is(err, fs.ErrNotExist):
		k.logCheck(ctx, err, s.acct, "quota warning stamp")
		return false
	}
	f, err := os.OpenFile(p, os.O_WRONLY|os.O_CREATE|os.O_TRUNC|syscallNoFollow, 0o600)
	if err == nil {
		_, err = f.WriteString(strconv.Itoa(level) + "\n")
		err = errors.Join(err, f.Close())
	}
	if err != nil {
		k.logCheck(ctx, err, s.acct, "quota warning stamp")
		return false
	}
	return true
}

// tmpHost is the host name made safe for a file name.
func (k *Keeper) tmpHost() string {
	return strings.NewReplacer("/", "_", ":", "_").Replace(k.host)
}
