package io.reprotect.cost;

import io.reprotect.cost.Price.Evidence;
import java.util.List;

/**
 * Every public list price the cost model uses, each with its source, the date it was read and how firmly
 * ({@link Price.Evidence}): pay-as-you-go, US dollars, East US unless a price names a region pair. Prices
 * change and differ by region, currency and agreement: edit only this file to re-price the model, and check
 * every {@code UNVERIFIED} amount against its page before relying on a figure (Microsoft's pricing pages
 * render their amounts with JavaScript; their stored copies show "$-").
 */
public final class AzurePrices {

    private AzurePrices() {
    }

    public static final String EAST_US = "East US";
    /** When this file's prices were last checked against their sources. */
    public static final String READ = "2026-12-08";

    private static final String FUNCTIONS = "https://azure.microsoft.com/pricing/details/functions/";
    private static final String SERVICE_BUS = "https://azure.microsoft.com/en-in/pricing/details/service-bus/";
    private static final String BLOBS = "https://azure.microsoft.com/pricing/details/storage/blobs/";
    private static final String PAGE_BLOBS = "https://azure.microsoft.com/pricing/details/storage/page-blobs/";
    private static final String MANAGED_DISKS = "https://azure.microsoft.com/pricing/details/managed-disks/";
    private static final String BANDWIDTH = "https://azure.microsoft.com/pricing/details/bandwidth/";
    private static final String MONITOR = "https://azure.microsoft.com/pricing/details/monitor/";
    private static final String SITE_RECOVERY = "https://azure.microsoft.com/pricing/details/site-recovery/";

    // Azure Functions, Flex Consumption
    public static final Price FUNCTIONS_ON_DEMAND_GB_SECOND = new Price(
            "Functions Flex Consumption on-demand execution time", 0.000026, "USD per GB-s", EAST_US, FUNCTIONS, READ,
            Evidence.QUOTED, "as quoted by https://modal.com/blog/azure-function-pricing-guide (May 2025); billed on "
            + "the instance memory while it executes (learn.microsoft.com functions-consumption-costs)");
    public static final Price FUNCTIONS_ON_DEMAND_PER_MILLION_EXECUTIONS = new Price(
            "Functions Flex Consumption on-demand executions", 0.40, "USD per million executions", EAST_US, FUNCTIONS,
            READ, Evidence.QUOTED, "as quoted by https://modal.com/blog/azure-function-pricing-guide (May 2025)");
    public static final Price FUNCTIONS_MINIMUM_BILLED_SECONDS = new Price(
            "Functions Flex Consumption minimum billed execution time", 1.0, "seconds per execution", EAST_US,
            "https://learn.microsoft.com/en-us/answers/a/12389275", READ, Evidence.OFFICIAL,
            "the 1,000 ms minimum per execution, as Microsoft Q&A discusses it; whether concurrent executions share "
            + "it is not answered there: the model charges it per execution (the larger reading)");
    public static final Price FUNCTIONS_ALWAYS_READY_BASELINE_GB_SECOND = new Price(
            "Functions Flex Consumption always-ready baseline", 0.000004, "USD per GB-s", EAST_US, FUNCTIONS, READ,
            Evidence.UNVERIFIED, "billed on every always-ready instance's memory all the time (billing modes: "
            + "learn.microsoft.com functions-consumption-costs); the amount was not in any stored source");

    // Service Bus, Standard tier
    public static final Price SERVICE_BUS_BASE_PER_HOUR = new Price(
            "Service Bus Standard base charge per namespace", 0.0135, "USD per hour", EAST_US, SERVICE_BUS, READ,
            Evidence.UNVERIFIED, "hourly billing of the base unit: https://www.azure.cn/en-us/pricing/details/service-bus/;"
            + " the USD amount rendered as $- (about $10 a month)");
    public static final Price SERVICE_BUS_INCLUDED_OPERATIONS = new Price(
            "Service Bus Standard operations included in the base charge", 13_000_000, "operations per month",
            EAST_US, SERVICE_BUS, READ, Evidence.OFFICIAL, "\"First 13M ops/month Included\"");
    public static final Price SERVICE_BUS_PER_MILLION_OPERATIONS = new Price(
            "Service Bus Standard operations from 13M to 100M a month", 0.80, "USD per million operations", EAST_US,
            SERVICE_BUS, READ, Evidence.UNVERIFIED, "the band (13M-100M) is on the page; its amount rendered as $-");

    // Storage: the job store (block blobs, hot, LRS, flat namespace)
    public static final Price BLOB_HOT_LRS_WRITES_PER_10K = new Price(
            "Block blob hot LRS write, list and create operations (flat namespace)", 0.05,
            "USD per 10,000 operations", EAST_US, BLOBS, READ, Evidence.UNVERIFIED,
            "the amount issue 22 read on the page (flat namespace; the hierarchical-namespace rate, $0.065, is not ours)");
    public static final Price BLOB_HOT_LRS_READS_PER_10K = new Price(
            "Block blob hot LRS read and all other operations (flat namespace)", 0.004,
            "USD per 10,000 operations", EAST_US, BLOBS, READ, Evidence.UNVERIFIED,
            "the amount issue 22 read on the page");

    // Storage: replicas (standard page blobs, LRS, general-purpose v2, not attached to a VM)
    public static final Price PAGE_BLOB_PER_GB_MONTH = new Price(
            "Standard page blob data stored, LRS", 0.045, "USD per GB-month", EAST_US, PAGE_BLOBS, READ,
            Evidence.UNVERIFIED, "the amount rendered as $- in the stored copy");
    public static final Price PAGE_BLOB_OPERATIONS_PER_10K = new Price(
            "Standard page blob operations", 0.0005, "USD per 10,000 operations", EAST_US,
            "https://azure.microsoft.com/en-in/pricing/details/storage/unmanaged-disks/", READ, Evidence.UNVERIFIED,
            "NOT VERIFIED: this is the rate for page blobs used as unmanaged disks; the page lists page blobs not "
            + "attached to a VM (our replicas) in their own section (\"Operations prices for Page Blobs (Non-disks)\", "
            + "https://www.azure.cn/en-us/pricing/details/storage/page-blobs/), whose amounts no stored copy shows. "
            + "The report also prices them at the hot block blob rates as the upper case");

    // Managed disks: incremental snapshots (Standard HDD)
    public static final Price SNAPSHOT_LRS_PER_GB_MONTH = new Price(
            "Managed disk incremental snapshot, Standard LRS, used data", 0.05, "USD per GB-month", EAST_US,
            MANAGED_DISKS, READ, Evidence.QUOTED, "as quoted by https://c3x.dev/resources/azure/azurerm_snapshot/ "
            + "(\"Standard LRS ~$0.05\"); the engine sets Standard_LRS on every snapshot it takes");
    public static final Price SNAPSHOT_ZRS_PER_GB_MONTH = new Price(
            "Managed disk incremental snapshot, Standard ZRS, used data", 0.0625, "USD per GB-month", EAST_US,
            MANAGED_DISKS, READ, Evidence.UNVERIFIED, "ZRS is the default for incremental snapshots where the region has "
            + "zones (https://azure.microsoft.com/pl-pl/blog/announcing-general-availability-of-incremental-snapshots"
            + "-of-managed-disks/); c3x.dev says only \"ZRS more\"");
    public static final Price MANAGED_DISK_STANDARD_HDD_S10_PER_MONTH = new Price(
            "Managed disk Standard HDD S10 (128 GiB), LRS", 5.89, "USD per disk-month", EAST_US, MANAGED_DISKS, READ,
            Evidence.UNVERIFIED, "an ASR replica disk of the 128 GiB VM; https://azure-calc-uk-3n7.pages.dev/guides/"
            + "azure-site-recovery-pricing-uk gives GBP 8.32 for the 256 GB one");

    // Bandwidth: data transfer between Azure regions (per GB, 10^9 bytes)
    public static final Price EGRESS_WITHIN_NORTH_AMERICA_OR_EUROPE = new Price(
            "Data transfer between regions within North America or within Europe", 0.02, "USD per GB",
            "e.g. East US to West US, West Europe to North Europe", BANDWIDTH, READ, Evidence.QUOTED,
            "as quoted by https://lucidity.cloud/feeds/blog/azure-storage-egress-cost");
    public static final Price EGRESS_WITHIN_ASIA = new Price(
            "Data transfer between regions within Asia", 0.08, "USD per GB", "e.g. Southeast Asia to East Asia",
            BANDWIDTH, READ, Evidence.QUOTED, "as quoted by https://lucidity.cloud/feeds/blog/azure-storage-egress-cost "
            + "(\"Asia/MEA hits $0.08/GB\")");
    public static final Price EGRESS_ACROSS_CONTINENTS_FROM_NORTH_AMERICA_OR_EUROPE = new Price(
            "Data transfer between continents, from North America or Europe", 0.05, "USD per GB",
            "e.g. East US to West Europe", BANDWIDTH, READ, Evidence.UNVERIFIED, "no stored source showed the amount");

    // Azure Monitor
    public static final Price LOG_ANALYTICS_PER_GB = new Price(
            "Log Analytics analytics logs ingestion (Application Insights data included)", 2.30, "USD per GB",
            EAST_US, MONITOR, READ, Evidence.UNVERIFIED, "a GB is 10^9 bytes of billed record size "
            + "(https://learn.microsoft.com/en-ca/azure/azure-monitor/logs/cost-logs); the amount rendered as $-; "
            + "the monthly free allowance per billing account is left out");
    public static final Price LOG_SEARCH_ALERT_5_MINUTES_PER_MONTH = new Price(
            "Log search alert rule evaluated every 5 minutes", 1.50, "USD per rule-month", EAST_US, MONITOR, READ,
            Evidence.UNVERIFIED, "infra/modules/alerts.bicep: the dead-letter runs alert");
    public static final Price METRIC_ALERT_PER_TIME_SERIES_MONTH = new Price(
            "Metric alert rule, per time series monitored", 0.10, "USD per time-series-month", EAST_US, MONITOR, READ,
            Evidence.UNVERIFIED, "infra/modules/alerts.bicep: the rejected-unread alert");

    // Azure Site Recovery
    public static final Price ASR_PER_INSTANCE_MONTH = new Price(
            "Azure Site Recovery, Azure VM to another Azure region, per protected instance", 25.00,
            "USD per instance-month", EAST_US, SITE_RECOVERY, READ, Evidence.QUOTED,
            "as quoted by https://microsoftnegotiations.com/blog/azure-site-recovery-licensing-guide and "
            + "https://www.eon.io/blog/azure-disaster-recovery; first 31 days free (learn.microsoft.com "
            + "azure-to-azure-common-questions); storage, transactions and data transfer extra");

    /** Every price above, in the order the report lists them. */
    public static final List<Price> ALL = List.of(FUNCTIONS_ON_DEMAND_GB_SECOND,
            FUNCTIONS_ON_DEMAND_PER_MILLION_EXECUTIONS, FUNCTIONS_MINIMUM_BILLED_SECONDS,
            FUNCTIONS_ALWAYS_READY_BASELINE_GB_SECOND, SERVICE_BUS_BASE_PER_HOUR, SERVICE_BUS_INCLUDED_OPERATIONS,
            SERVICE_BUS_PER_MILLION_OPERATIONS, BLOB_HOT_LRS_WRITES_PER_10K, BLOB_HOT_LRS_READS_PER_10K,
            PAGE_BLOB_PER_GB_MONTH, PAGE_BLOB_OPERATIONS_PER_10K, SNAPSHOT_LRS_PER_GB_MONTH, SNAPSHOT_ZRS_PER_GB_MONTH,
            MANAGED_DISK_STANDARD_HDD_S10_PER_MONTH, EGRESS_WITHIN_NORTH_AMERICA_OR_EUROPE, EGRESS_WITHIN_ASIA,
            EGRESS_ACROSS_CONTINENTS_FROM_NORTH_AMERICA_OR_EUROPE, LOG_ANALYTICS_PER_GB,
            LOG_SEARCH_ALERT_5_MINUTES_PER_MONTH, METRIC_ALERT_PER_TIME_SERIES_MONTH, ASR_PER_INSTANCE_MONTH);

    /** A pair of regions the replicas cross, and what a GB moved between them costs. */
    public record RegionPair(String name, Price egress) {
        public static final RegionPair WITHIN_NORTH_AMERICA_OR_EUROPE =
                new RegionPair("within North America or Europe", EGRESS_WITHIN_NORTH_AMERICA_OR_EUROPE);
        public static final RegionPair WITHIN_ASIA = new RegionPair("within Asia", EGRESS_WITHIN_ASIA);
        public static final RegionPair ACROSS_CONTINENTS =
                new RegionPair("across continents", EGRESS_ACROSS_CONTINENTS_FROM_NORTH_AMERICA_OR_EUROPE);
    }
}
