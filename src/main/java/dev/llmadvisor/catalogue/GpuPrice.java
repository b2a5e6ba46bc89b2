package dev.llmadvisor.catalogue;

import java.util.List;

/**
 * A public on-demand hour price for one GPU of the catalogue ({@code catalogues/prices.yaml}): what
 * one GPU of that kind costs per hour at one provider, as its public price list showed on {@code
 * date}. Optional data: a GPU without a price is left out of the file, never given a guessed one.
 *
 * @param id the GPU's catalogue id (one price per GPU)
 * @param usdPerGpuHour US dollars per GPU per hour, on demand (no commitment, not spot)
 * @param provider who rents it at that price
 * @param offer the provider's name for the offer (instance type or tier)
 * @param date when the source showed that price (ISO date)
 * @param source the page the price was read in (URL)
 */
public record GpuPrice(
    String id,
    List<String> aliases,
    double usdPerGpuHour,
    String provider,
    String offer,
    String date,
    String status,
    String source)
    implements CatalogueEntry {}
