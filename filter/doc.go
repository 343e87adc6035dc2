// Package filter evaluates Sieve scripts (RFC 5228) the way Dovecot
// Pigeonhole 0.5 does, on top of github.com/foxcpp/go-sieve, and provides
// script sources, a compiled-script cache and helpers for testing filters.
//
// # Engine
//
// Compile parses and validates a script; Script.Run evaluates it against one
// message and returns a Result: the ordered list of typed actions (Store,
// Redirect, Reject, Discard, Vacation) and whether the implicit keep
// applies. Nothing is executed here: the caller (package deliver) stores,
// forwards and replies.
//
// Steps:
//
//  1. Our lexer and parser, which follow Pigeonhole's grammar where
//     go-sieve's are looser, build go-sieve's syntax tree.
//  2. Our loader builds the command tree: control flow (if/elsif/else,
//     stop, include, return) and the extensions go-sieve lacks are ours;
//     the commands and tests go-sieve implements are loaded by go-sieve and
//     wrapped, so that positions are known and go-sieve's known bugs are
//     worked around. As in Pigeonhole, a block that can never run (its
//     test is constantly false, or an earlier branch constantly true) is
//     parsed but not validated.
//  3. Run drives the tree with its own loop, collects the actions,
//     enforces limits and conflicts, merges duplicates and adds the
//     implicit keep. A panic anywhere becomes a run-time error.
//
// Input.Trace, when set, receives a TraceEvent for every if/elsif test
// evaluated (position, source text, whether it matched) and every command
// run; examples/sievetest -trace shows them.
//
// # Extensions
//
// By default Pigeonhole's default set is available: fileinto, reject, envelope, encoded-character, vacation
// (RFC 5230), subaddress, comparator-i;ascii-numeric, relational, regex
// (POSIX extended regular expressions as glibc reads them, byte-wise and
// leftmost-longest, with back-references and the GNU escapes),
// imap4flags, copy, include (RFC 6609), body, variables,
// environment, mailbox (RFC 5490), date and index (RFC 5260), ihave
// (RFC 5463), duplicate (RFC 7352; always false, as no message-ID history
// is kept) and mime (RFC 5703, header :mime with :anychild, :type,
// :subtype, :contenttype and :param). enotify, foreverypart and
// extracttext are accepted by require, as Pigeonhole does, but their
// commands (notify, foreverypart, break, extracttext) are not implemented.
// vacation-seconds (RFC 6131), ereject,
// comparator-i;unicode-casemap, spamtest, spamtestplus and virustest
// (RFC 5235, reading the scanner's header named in CompileOptions) are
// enabled through CompileOptions.Extensions; any other capability
// (editheader, duplicate, mime, enotify, ...) is an unknown capability,
// which is a compile error.
//
// Where Pigeonhole and go-sieve differ, Pigeonhole wins; the tests run
// Pigeonhole's own results (testdata/corpus) and, when sieve-test is
// installed, compare against it directly (testdata/differential). The
// address test parses address lists as Pigeonhole (Dovecot's lenient RFC
// 5322 parser) does: groups, route addresses and comments are understood;
// a broken element is skipped up to the next comma; a syntax error with no
// comma after it ends the list, keeping the addresses read before it; a
// header with no valid address is seen whole by :all. Redirect, :from and
// :addresses take one address each, with an optional display name,
// angle brackets and comments ("Tim <tim@example.net>"); the domain is
// lower-cased, the local part keeps its case. A redirect address that is
// invalid only after variable expansion is a run-time error.
//
// # Errors
//
// Compile errors are *ScriptError values naming file:line:column. A script
// that fails while running (two vacations, reject with fileinto, a limit,
// the error command) gives the implicit keep only and a *ScriptError that
// matches ErrRuntime, as Pigeonhole does: mail is never lost because of a
// script.
//
// # Vacation
//
// The vacation command applies Pigeonhole's suppression rules in its
// order: null sender, sender is the user or one of :addresses, reply on
// record (Input.Vacation), List-* headers, Auto-Submitted other than "no",
// Precedence junk/bulk/list, X-Auto-Response-Suppress All/OOF, system
// senders (MAILER-DAEMON, LISTSERV, majordomo, *-request*, owner-*), and
// the user not named in To/Cc/Bcc/Resent-*. A Vacation action is present
// only when a reply is due.
//
// # Script sources
//
// New builds a Filter from Pigeonhole-style sources: global before scripts
// (Options.Before; a directory runs its *.sieve files in byte order of
// names), the personal script (User; by default the ManageSieve active
// symlink Home/.dovecot.sieve -> sieve/<name>.sieve), global after scripts,
// and a default script used only when the user has none. Evaluate runs
// them while keep is in effect; a keep before the last script only lets
// the chain go on, and the imap4flags internal variable is shared along
// the chain (Input.Flags). A failing script stops the chain and keeps the
// message in INBOX. Compiled scripts are cached in memory, keyed by path,
// inode, size and mtime (a change in an included script is seen within
// Options.CacheTTL). The built-in SpamRule (X-Spam-Flag: YES -> Junk, on by
// default) replaces the implicit keep. DupeStore is the file-backed
// VacationStore (flock + rename, safe across processes); ReplyBuilder
// builds the RFC 5230 reply.
//
// # Concurrency
//
// A *Script is immutable: any number of goroutines may Run it at once.
// Run reads the message only through io.ReaderAt and streams body tests,
// so a large message is never held in memory by the engine.
package filter
