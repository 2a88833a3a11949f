/**
 * The exception taxonomy every module shares, so that the command line and the website map failures
 * to answers in one place: {@link dev.perbench.errors.InputException} (the user's input is wrong:
 * exit 2, HTTP 400), {@link dev.perbench.errors.ExternalFailureException} (the outside world
 * failed: exit 1 with a message), and anything else, which is a bug (exit 1 with a stack trace and
 * a request to report it).
 */
package dev.perbench.errors;
