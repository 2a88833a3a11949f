/** One picocli command class per subcommand. */
package dev.perbench.app.cli;
