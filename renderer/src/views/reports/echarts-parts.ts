/**
 * The only parts of ECharts the reports draw with, registered once: bars, lines, the grid, the
 * tooltip, the legend and the aria description, on the canvas renderer. Importing `echarts/core`
 * and these alone (not `echarts`) keeps the rest of the library out of the bundle.
 */
import { BarChart, LineChart } from 'echarts/charts';
import { AriaComponent, GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { use } from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';

use([BarChart, LineChart, GridComponent, TooltipComponent, LegendComponent, AriaComponent, CanvasRenderer]);
