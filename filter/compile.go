package filter

import (
	"fmt"
	"path/filepath"
	"strings"
	"time"

	"github.com/foxcpp/go-sieve/interp"
	"github.com/foxcpp/go-sieve/lexer"
	"github.com/foxcpp/go-sieve/parser"
)

// CompileOptions configures Compile. The zero value gives Pigeonhole 0.5's
// defaults: its default extension set, its limits and its vacation periods.
type CompileOptions struct {
	// Extensions enables capabilities beyond the default set. Known names:
	// "vacation-seconds" (RFC 6131), "ereject" (RFC 5429),
	// "comparator-i;unicode-casemap" (RFC 5051), "spamtest",
	// "spamtestplus" and "virustest" (RFC 5235). Unknown names make
	// Compile fail.
	Extensions []string

	// PersonalDir is where include :personal (the default) finds
	// "<name>.sieve". Empty means the directory of the compiled file.
	PersonalDir string
	// GlobalDir is where include :global finds "<name>.sieve". Empty
	// means global includes fail to compile (unless :optional).
	GlobalDir string

	// Limits bounds what a script and a message may cost.
	Limits Limits

	// Vacation holds the periods of RFC 5230 section 4.1.
	Vacation VacationOptions

	// Spamtest and Virustest say where the scanners' verdicts are, for
	// the spamtest/spamtestplus and virustest extensions (which must also
	// be listed in Extensions).
	Spamtest  ScoreHeader // spamtest and spamtestplus
	Virustest ScoreHeader // virustest
}

// Limits bounds scripts and runs. Each zero field takes the default named
// in its comment (Pigeonhole's where it has one).
type Limits struct {
	MaxScriptBytes   int // script source size; default 1 MiB
	MaxNesting       int // levels of blocks and of tests, the top level included; default 32
	MaxActions       int // actions one run may produce; default 32
	MaxRedirects     int // distinct redirects per run; default 4
	MaxVariables     int // distinct variable names per script; default 255
	MaxVariableBytes int // bytes kept of a variable value; default 4096
	MaxHeaders       int // message header fields examined; default 10000
	MaxIncludeDepth  int // nested include levels; default 10
	MaxIncludes      int // distinct included scripts; default 255
}

// VacationOptions holds the vacation periods. A zero field takes the
// default in its comment.
type VacationOptions struct {
	MinPeriod       time.Duration // smallest :days/:seconds period; default 24h
	DefaultPeriod   time.Duration // period without :days; default 7 days
	MaxPeriod       time.Duration // largest period; default 0 = unlimited
	MaxSubjectRunes int           // subject cut; default 256 code points
}

func (l Limits) withDefaults() Limits {
	def := func(v *int, d int) {
		if *v <= 0 {
			*v = d
		}
	}
	def(&l.MaxScriptBytes, 1<<20)
	def(&l.MaxNesting, 32)
	def(&l.MaxActions, 32)
	def(&l.MaxRedirects, 4)
	def(&l.MaxVariables, 255)
	def(&l.MaxVariableBytes, 4096)
	def(&l.MaxHeaders, 10000)
	def(&l.MaxIncludeDepth, 10)
	def(&l.MaxIncludes, 255)
	return l
}

func (v VacationOptions) withDefaults() VacationOptions {
	if v.MinPeriod <= 0 {
		v.MinPeriod = 24 * time.Hour
	}
	if v.DefaultPeriod <= 0 {
		v.DefaultPeriod = 7 * 24 * time.Hour
	}
	if v.DefaultPeriod < v.MinPeriod {
		v.DefaultPeriod = v.MinPeriod
	}
	if v.MaxPeriod < 0 {
		v.MaxPeriod = 0
	}
	if v.MaxSubjectRunes <= 0 {
		v.MaxSubjectRunes = 256
	}
	return v
}

// Script is a compiled Sieve script. It is immutable and safe for
// concurrent use by several goroutines calling Run.
type Script struct {
	name   string
	main   *unit
	limits Limits
	vac    VacationOptions
}

// Name returns the name given to Compile.
func (s *Script) Name() string { return s.name }

// unit is one compiled script file: the main script or an included one.
type unit struct {
	file    string
	base    *interp.Script // holds the go-sieve extensions required here
	ext     map[string]bool
	cmds    []interp.Cmd
	globals []string

	// testLists holds the positions of the commands and tests given a
	// "(...)" test list (compile time only).
	testLists map[lexer.Position]bool

	varNames map[string]bool // compile time only: names given to set
	varCount int
}

func (u *unit) has(ext string) bool { return u.ext[ext] }

// unitSlot holds a compiled script file; it is filled when its compilation
// ends, so that an include :once inside a cycle can refer to it before.
type unitSlot struct{ u *unit }

// compiler holds what one Compile call shares between the main script and
// its includes.
type compiler struct {
	opts     CompileOptions
	limits   Limits
	extra    map[string]bool
	units    map[string]*unitSlot // by resolved path, filled once compiled
	stack    []string             // include chain, for cycle detection
	mainFile string
}

// Compile parses and validates a Sieve script (RFC 5228 and the
// extensions listed in the package documentation). name is the file name
// shown in errors and in action positions. Included scripts are read and
// compiled now. Every error is a *ScriptError.
func Compile(name string, src []byte, opts CompileOptions) (s *Script, err error) {
	defer func() {
		if p := recover(); p != nil {
			s, err = nil, &ScriptError{File: name, Msg: fmt.Sprintf("internal error: %v", p)}
		}
	}()
	c := &compiler{
		opts:     opts,
		limits:   opts.Limits.withDefaults(),
		extra:    map[string]bool{},
		units:    map[string]*unitSlot{},
		mainFile: name,
	}
	for _, e := range opts.Extensions {
		if !optionalExtensions[e] {
			return nil, &ScriptError{File: name, Msg: fmt.Sprintf("unknown extension %q in options", e)}
		}
		c.extra[e] = true
	}
	main := &unitSlot{}
	c.units[filepath.Clean(name)] = main
	c.stack = []string{filepath.Clean(name)}
	u, err := c.compileUnit(name, src)
	if err != nil {
		return nil, err
	}
	main.u = u
	return &Script{name: name, main: u, limits: c.limits, vac: opts.Vacation.withDefaults()}, nil
}

// optionalExtensions are the capabilities CompileOptions.Extensions may add.
var optionalExtensions = map[string]bool{
	"vacation-seconds":             true,
	"ereject":                      true,
	"comparator-i;unicode-casemap": true,
	"spamtest":                     true,
	"spamtestplus":                 true,
	"virustest":                    true,
}

// ownExtensions are implemented in this package, not in go-sieve.
var ownExtensions = map[string]bool{
	"vacation": true, "vacation-seconds": true, "mailbox": true,
	"include": true, "regex": true, "date": true, "index": true, "ihave": true,
	"spamtest": true, "spamtestplus": true, "virustest": true,
	"duplicate": true, "mime": true,
	// Accepted as in Pigeonhole's default set, though their commands
	// (notify, foreverypart, break, extracttext) are not implemented.
	"enotify": true, "foreverypart": true, "extracttext": true,
}

// sieveExtensions are the default capabilities go-sieve implements.
var sieveExtensions = map[string]bool{
	"fileinto": true, "reject": true, "envelope": true, "encoded-character": true,
	"subaddress": true, "comparator-i;ascii-numeric": true, "relational": true,
	"imap4flags": true, "copy": true, "body": true, "variables": true,
	"environment": true, "comparator-i;octet": true, "comparator-i;ascii-casemap": true,
}

func (c *compiler) supported(ext string) bool {
	if c.extra[ext] {
		return true
	}
	if optionalExtensions[ext] {
		return false
	}
	return ownExtensions[ext] || sieveExtensions[ext]
}

func (c *compiler) compileUnit(file string, src []byte) (*unit, error) {
	if len(src) > c.limits.MaxScriptBytes {
		return nil, &ScriptError{File: file, Line: 1, Column: 1,
			Msg: fmt.Sprintf("script is too large (%d bytes, limit %d)", len(src), c.limits.MaxScriptBytes)}
	}
	toks, err := lex(file, src)
	if err != nil {
		return nil, err
	}
	tree, err := parse(file, toks, c.limits.MaxNesting)
	if err != nil {
		return nil, err
	}
	base, err := interp.LoadScript(nil, &interp.Options{
		MaxRedirects:       1 << 30, // enforced by Run
		MaxVariableCount:   c.limits.MaxVariables,
		MaxVariableNameLen: 64,
		MaxVariableLen:     c.limits.MaxVariableBytes,
	})
	if err != nil {
		return nil, mapError(file, lexer.Position{}, err)
	}
	u := &unit{file: file, base: base, ext: map[string]bool{}, testLists: tree.testLists}
	rest, err := c.requires(u, tree.cmds)
	if err != nil {
		return nil, err
	}
	renameUnderscoreVars(u, rest)
	c.checkVariables(u, rest)
	u.cmds, err = c.block(u, rest)
	if err != nil {
		return nil, err
	}
	return u, nil
}

// requires loads the leading require commands into u.
func (c *compiler) requires(u *unit, cmds []parser.Cmd) ([]parser.Cmd, error) {
	i := 0
	for ; i < len(cmds) && strings.EqualFold(cmds[i].Id, "require"); i++ {
		names, err := requireNames(cmds[i])
		if err != nil {
			return nil, scriptErr(u.file, cmds[i].Position, err.Error())
		}
		for _, name := range names {
			if err := c.require(u, cmds[i], name); err != nil {
				return nil, err
			}
		}
	}
	for _, cmd := range cmds[i:] {
		if strings.EqualFold(cmd.Id, "require") {
			return nil, scriptErr(u.file, cmd.Position, "require command must come before any other command")
		}
	}
	return cmds[i:], nil
}

func requireNames(cmd parser.Cmd) ([]string, error) {
	if len(cmd.Args) != 1 || len(cmd.Tests) != 0 || cmd.Block != nil {
		return nil, fmt.Errorf("require needs exactly one string or string list")
	}
	switch a := cmd.Args[0].(type) {
	case parser.StringArg:
		return []string{a.Value}, nil
	case parser.StringListArg:
		if len(a.Value) == 0 {
			return nil, fmt.Errorf("require needs at least one capability")
		}
		return a.Value, nil
	}
	return nil, fmt.Errorf("require needs a string or string list")
}

func (c *compiler) require(u *unit, cmd parser.Cmd, name string) error {
	if !c.supported(name) {
		return scriptErr(u.file, cmd.Position, fmt.Sprintf("unknown capability %q in require", name))
	}
	u.ext[name] = true
	if (!sieveExtensions[name] && name != "ereject" && name != "comparator-i;unicode-casemap") ||
		name == "encoded-character" { // decoded by decodeArgs
		return nil
	}
	req := parser.Cmd{Position: cmd.Position, Id: "require",
		Args: []parser.Arg{parser.StringArg{Value: name, Position: cmd.Position}}}
	if _, err := interp.LoadCmd(u.base, req); err != nil {
		return mapError(u.file, cmd.Position, err)
	}
	return nil
}
