package filter

import (
	"context"
	"errors"
	"fmt"
	"time"
)

// Options configures a [Filter], like Pigeonhole's sieve_before, sieve,
// sieve_after and sieve_default settings. The zero Options runs only the
// user's personal script and the built-in spam rule.
type Options struct {
	// Before lists global scripts run before the personal script, in
	// order; each entry is a script file or a directory whose *.sieve files
	// run in byte order of their names (sieve_before, sieve_before2, ...).
	Before []string
	// After lists global scripts run after the personal script, like
	// Before (sieve_after).
	After []string
	// Default is the script run in place of the personal script when the
	// user has none (sieve_default). Empty means none.
	Default string
	// Compile is used for every script; for the personal and default
	// scripts its PersonalDir is replaced by the user's (User.ScriptDir).
	// Set GlobalDir for include :global.
	Compile CompileOptions
	// Spam is the built-in header rule; on by default.
	Spam SpamRule
	// CacheEntries bounds the compiled scripts kept in memory, least
	// recently used evicted first. Zero means 1000.
	CacheEntries int
	// CacheTTL is how long a compiled script is reused before it is
	// compiled again; a change of the script file itself (inode, size or
	// modification time) is seen at once, a change of a script it
	// includes within CacheTTL. Zero means one minute.
	CacheTTL time.Duration
}

// Filter evaluates the chain of scripts for each delivery: the global
// before scripts, the personal (or default) script, the global after
// scripts, then the built-in spam rule. It is immutable after New and
// safe for concurrent use; compiled scripts are shared through its cache.
type Filter struct {
	before, after []globalSource
	deflt         string
	compile       CompileOptions
	spam          SpamRule
	cache         *scriptCache
}

// Evaluation is the outcome of [Filter.Evaluate].
type Evaluation struct {
	// Result holds the merged actions of every script that ran; it is
	// always safe to execute, also when Errors is not empty.
	Result
	// Errors holds the *ScriptError of the script that failed to compile
	// or to run, naming file:line:column (the chain stopped there and the
	// message is kept in INBOX). deliver logs it; it is not a delivery
	// failure.
	Errors []error
	// Scripts lists the scripts that ran, in order.
	Scripts []string
	// Spam is true when the built-in spam rule moved the implicit keep.
	Spam bool
}

// New validates opts once: every global script must exist and compile,
// the default script too when set.
func New(opts Options) (*Filter, error) {
	if opts.CacheEntries < 0 || opts.CacheTTL < 0 {
		return nil, fmt.Errorf("filter: negative cache size or ttl")
	}
	spam, err := opts.Spam.withDefaults()
	if err != nil {
		return nil, err
	}
	f := &Filter{deflt: opts.Default, compile: opts.Compile, spam: spam,
		cache: newScriptCache(cmpOr(opts.CacheEntries, defaultCacheEntries), cmpOr(opts.CacheTTL, defaultCacheTTL))}
	for _, list := range []struct {
		paths []string
		dst   *[]globalSource
	}{{opts.Before, &f.before}, {opts.After, &f.after}} {
		for _, p := range list.paths {
			g, err := checkGlobal(p)
			if err != nil {
				return nil, err
			}
			*list.dst = append(*list.dst, g)
		}
	}
	if err := f.precompile(); err != nil {
		return nil, err
	}
	return f, nil
}

func cmpOr[T int | time.Duration](v, def T) T {
	if v == 0 {
		return def
	}
	return v
}

// precompile compiles the global and default scripts into the cache, so
// that a broken one stops New.
func (f *Filter) precompile() error {
	paths, err := f.globals(f.before)
	if err != nil {
		return err
	}
	after, err := f.globals(f.after)
	if err != nil {
		return err
	}
	paths = append(paths, after...)
	if f.deflt != "" {
		paths = append(paths, f.deflt)
	}
	for _, p := range paths {
		_, found, err := f.cache.load(context.Background(), p, f.compile)
		if err != nil {
			return fmt.Errorf("filter: %w: %w", ErrScriptSource, err)
		}
		if !found {
			return fmt.Errorf("filter: %w: %s does not exist", ErrScriptSource, p)
		}
	}
	return nil
}

// globals expands global sources into script paths.
func (f *Filter) globals(srcs []globalSource) ([]string, error) {
	var out []string
	for _, g := range srcs {
		files, err := g.files()
		if err != nil {
			return nil, err
		}
		out = append(out, files...)
	}
	return out, nil
}

// Evaluate runs the chain for one message delivered to u. Scripts run in
// order while keep is in effect after each one (an explicit keep or the
// implicit keep; a keep before the last script only lets the chain go on,
// as in Pigeonhole). The imap4flags internal variable is shared along the
// chain, starting from in.Flags: flags set by one script reach the keep of
// a later one, whose removeflag can take them off again; the flags of a
// keep before the last script are dropped, as Pigeonhole does. A script
// that fails to compile or run stops the chain:
// the actions of the earlier scripts stay, the message is kept in INBOX and
// the error is in Evaluation.Errors. The built-in spam rule then replaces
// an implicit keep into INBOX by a store into its mailbox.
//
// The error is non-nil only when evaluating could not be done at all and
// delivery should be retried later: ctx was cancelled, or a script exists
// but cannot be read. A missing personal script is not an error (the
// default script runs instead).
func (f *Filter) Evaluate(ctx context.Context, u User, in Input) (Evaluation, error) {
	scripts, err := f.chain(ctx, u)
	if err != nil {
		return Evaluation{}, err
	}
	c := newChainRun(in)
	for i, sc := range scripts {
		c.ev.Scripts = append(c.ev.Scripts, sc.name)
		if sc.err == nil {
			if err := c.run(ctx, sc, i == len(scripts)-1); err != nil {
				return Evaluation{}, err
			}
		} else {
			c.fail(sc.err)
		}
		if c.done {
			break
		}
	}
	return c.finish(f.spam), nil
}

// chainScript is one script of the chain, or the error loading it.
type chainScript struct {
	name   string
	script *Script
	err    error // a *ScriptError
}

// chain loads the scripts to run for u.
func (f *Filter) chain(ctx context.Context, u User) ([]chainScript, error) {
	before, err := f.globals(f.before)
	if err != nil {
		return nil, err
	}
	after, err := f.globals(f.after)
	if err != nil {
		return nil, err
	}
	opts := f.compile
	opts.PersonalDir = u.personalDir()
	var out []chainScript
	if out, err = f.loadAll(ctx, out, before, f.compile); err != nil {
		return nil, err
	}
	n := len(out)
	if p := u.personalPath(); p != "" {
		if out, err = f.loadAll(ctx, out, []string{p}, opts); err != nil {
			return nil, err
		}
	}
	if len(out) == n && f.deflt != "" {
		if out, err = f.loadAll(ctx, out, []string{f.deflt}, opts); err != nil {
			return nil, err
		}
	}
	return f.loadAll(ctx, out, after, f.compile)
}

// loadAll appends the scripts at paths; missing files are skipped.
func (f *Filter) loadAll(ctx context.Context, out []chainScript, paths []string, opts CompileOptions) ([]chainScript, error) {
	for _, p := range paths {
		e, found, err := f.cache.load(ctx, p, opts)
		var se *ScriptError
		switch {
		case errors.As(err, &se):
			out = append(out, chainScript{name: p, err: se})
		case err != nil:
			return nil, err
		case found:
			out = append(out, chainScript{name: p, script: e.script})
		}
	}
	return out, nil
}
