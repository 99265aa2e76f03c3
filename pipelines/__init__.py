"""mrt-skills: the stages after collection (store, extract, demand, report) and the CLI."""
