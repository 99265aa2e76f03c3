"""The Scrapy project: spiders per job board, item pipelines, middlewares, the runner."""
