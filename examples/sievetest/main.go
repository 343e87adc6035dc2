package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net/mail"
	"os"
	"strings"

	"github.com/letterbox-mail/letterbox/filter"
)

func main() {
	os.Exit(run(context.Background(), os.Args[1:], os.Stdout, os.Stderr))
}

// config is the parsed command line.
type config struct {
	json, trace    bool
	script         string
	message        string
	from, to       string
	fromSet, toSet bool
	mailboxes      []string
	extensions     []string
}

// errUsage marks command-line errors; the usage text was printed.
var errUsage = errors.New("usage")

func parseArgs(args []string, stderr io.Writer) (config, error) {
	var c config
	var mailboxes, ext string
	fs := flag.NewFlagSet("sievetest", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.BoolVar(&c.json, "json", false, "print one JSON object")
	fs.BoolVar(&c.trace, "trace", false, "show the tests evaluated, the commands run and environment queries (on stderr with -json)")
	fs.StringVar(&c.script, "script", "", "Sieve `script` file (required)")
	fs.StringVar(&c.from, "from", "", "envelope `sender`; '' is the null sender")
	fs.StringVar(&c.to, "to", "", "envelope `recipient` (the script owner)")
	fs.StringVar(&mailboxes, "mailboxes", "INBOX", "comma-separated `list` of existing mailboxes")
	fs.StringVar(&ext, "x", "", "comma-separated `extensions` beyond the default set")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: sievetest [-json] [-trace] [-mailboxes LIST] [-x EXT] -script SCRIPT [-from SENDER] [-to RECIPIENT] MESSAGE")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return c, err
	}
	fs.Visit(func(f *flag.Flag) {
		c.fromSet = c.fromSet || f.Name == "from"
		c.toSet = c.toSet || f.Name == "to"
	})
	if c.script == "" || fs.NArg() != 1 {
		fs.Usage()
		return c, errUsage
	}
	c.message = fs.Arg(0)
	c.mailboxes = splitList(mailboxes)
	c.extensions = splitList(ext)
	return c, nil
}

func splitList(s string) []string {
	var out []string
	for part := range strings.SplitSeq(s, ",") {
		if part = strings.TrimSpace(part); part != "" {
			out = append(out, part)
		}
	}
	return out
}

// run is the whole program; it returns the exit status.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	c, err := parseArgs(args, stderr)
	if errors.Is(err, flag.ErrHelp) {
		return 0
	}
	if err != nil {
		return 1
	}
	if err := evaluate(ctx, c, stdout, stderr); err != nil {
		fmt.Fprintln(stderr, "sievetest:", err)
		return 1
	}
	return 0
}

// evaluate compiles and runs the script and prints the result.
func evaluate(ctx context.Context, c config, stdout, stderr io.Writer) error {
	src, err := os.ReadFile(c.script)
	if err != nil {
		return err
	}
	msg, err := os.Open(c.message)
	if err != nil {
		return err
	}
	defer msg.Close()
	fi, err := msg.Stat()
	if err != nil {
		return err
	}
	env := envelope(c, io.NewSectionReader(msg, 0, fi.Size()))
	out := newPrinter(c, src, stdout)
	script, err := filter.Compile(c.script, src, filter.CompileOptions{Extensions: c.extensions})
	if err != nil {
		if c.json {
			fmt.Fprintln(stderr, err)
		}
		return out.compileError(err)
	}
	tr := &tracer{mailboxes: c.mailboxes}
	in := filter.Input{
		Envelope:  env,
		Message:   msg,
		Size:      fi.Size(),
		Mailboxes: tr.mailboxExists,
		Vacation:  tr,
	}
	if c.trace {
		in.Trace = tr.event
	}
	res, err := script.Run(ctx, in)
	if err != nil && !errors.Is(err, filter.ErrRuntime) {
		return err
	}
	if c.json {
		if err != nil {
			fmt.Fprintln(stderr, err)
		}
		if c.trace {
			for _, l := range tr.lines {
				fmt.Fprintln(stderr, "trace:", l)
			}
		}
	}
	return out.result(env, res, err, tr.lines)
}

// envelope returns the envelope from the flags, or from the message.
func envelope(c config, msg io.Reader) filter.Envelope {
	env := filter.Envelope{From: c.from, To: c.to}
	if c.fromSet && c.toSet {
		return env
	}
	m, err := mail.ReadMessage(msg)
	if err != nil {
		return env
	}
	if !c.fromSet {
		if a, err := mail.ParseAddress(m.Header.Get("Return-Path")); err == nil {
			env.From = a.Address
		} else if a, err := mail.ParseAddress(m.Header.Get("From")); err == nil {
			env.From = a.Address
		}
	}
	if !c.toSet {
		if list, err := m.Header.AddressList("To"); err == nil && len(list) > 0 {
			env.To = list[0].Address
		}
	}
	return env
}
