<!DOCTYPE qgis PUBLIC 'http://mrcc.com/qgis.dtd' 'SYSTEM'>
<qgis version="3.22.16" styleCategories="Symbology|Labeling|Temporal" labelsEnabled="1">
  <temporal enabled="1" mode="4" startField="" endField="" limitMode="1" accumulate="0" durationField="" durationUnit="min" fixedDuration="0" startExpression="coalesce(&quot;start&quot;, make_date(1900, 1, 1))" endExpression="coalesce(&quot;end&quot;, make_date(2100, 12, 31))"><fixedRange><start></start><end></end></fixedRange></temporal>
  <renderer-v2 type="categorizedSymbol" attr="kind" symbollevels="0" enableorderby="0" forceraster="0">
    <categories>
      <category render="true" value="exercise" symbol="0" label="exercise"/>
      <category render="true" value="naval_exercise" symbol="1" label="naval exercise"/>
      <category render="true" value="port_call" symbol="2" label="port call"/>
      <category render="true" value="visit" symbol="3" label="visit"/>
      <category render="true" value="meeting" symbol="4" label="meeting"/>
      <category render="true" value="agreement" symbol="5" label="agreement"/>
      <category render="true" value="ceremony" symbol="6" label="ceremony"/>
      <category render="true" value="other" symbol="7" label="other"/>
    </categories>
    <symbols>
      <symbol type="marker" name="0" alpha="1" clip_to_extent="1" force_rhr="0"><layer class="SimpleMarker" enabled="1" pass="0" locked="0"><Option type="Map"><Option name="color" type="QString" value="215,48,31,255"/><Option name="name" type="QString" value="circle"/><Option name="size" type="QString" value="3.2"/><Option name="outline_color" type="QString" value="255,255,255,255"/><Option name="outline_width" type="QString" value="0.4"/></Option></layer></symbol>
      <symbol type="marker" name="1" alpha="1" clip_to_extent="1" force_rhr="0"><layer class="SimpleMarker" enabled="1" pass="0" locked="0"><Option type="Map"><Option name="color" type="QString" value="152,78,163,255"/><Option name="name" type="QString" value="circle"/><Option name="size" type="QString" value="3.2"/><Option name="outline_color" type="QString" value="255,255,255,255"/><Option name="outline_width" type="QString" value="0.4"/></Option></layer></symbol>
      <symbol type="marker" name="2" alpha="1" clip_to_extent="1" force_rhr="0"><layer class="SimpleMarker" enabled="1" pass="0" locked="0"><Option type="Map"><Option name="color" type="QString" value="33,113,181,255"/><Option name="name" type="QString" value="circle"/><Option name="size" type="QString" value="3.2"/><Option name="outline_color" type="QString" value="255,255,255,255"/><Option name="outline_width" type="QString" value="0.4"/></Option></layer></symbol>
      <symbol type="marker" name="3" alpha="1" clip_to_extent="1" force_rhr="0"><layer class="SimpleMarker" enabled="1" pass="0" locked="0"><Option type="Map"><Option name="color" type="QString" value="82,82,82,255"/><Option name="name" type="QString" value="circle"/><Option name="size" type="QString" value="3.2"/><Option name="outline_color" type="QString" value="255,255,255,255"/><Option name="outline_width" type="QString" value="0.4"/></Option></layer></symbol>
      <symbol type="marker" name="4" alpha="1" clip_to_extent="1" force_rhr="0"><layer class="SimpleMarker" enabled="1" pass="0" locked="0"><Option type="Map"><Option name="color" type="QString" value="0,0,0,255"/><Option name="name" type="QString" value="circle"/><Option name="size" type="QString" value="3.2"/><Option name="outline_color" type="QString" value="255,255,255,255"/><Option name="outline_width" type="QString" value="0.4"/></Option></layer></symbol>
      <symbol type="marker" name="5" alpha="1" clip_to_extent="1" force_rhr="0"><layer class="SimpleMarker" enabled="1" pass="0" locked="0"><Option type="Map"><Option name="color" type="QString" value="65,182,196,255"/><Option name="name" type="QString" value="circle"/><Option name="size" type="QString" value="3.2"/><Option name="outline_color" type="QString" value="255,255,255,255"/><Option name="outline_width" type="QString" value="0.4"/></Option></layer></symbol>
      <symbol type="marker" name="6" alpha="1" clip_to_extent="1" force_rhr="0"><layer class="SimpleMarker" enabled="1" pass="0" locked="0"><Option type="Map"><Option name="color" type="QString" value="253,141,60,255"/><Option name="name" type="QString" value="circle"/><Option name="size" type="QString" value="3.2"/><Option name="outline_color" type="QString" value="255,255,255,255"/><Option name="outline_width" type="QString" value="0.4"/></Option></layer></symbol>
      <symbol type="marker" name="7" alpha="1" clip_to_extent="1" force_rhr="0"><layer class="SimpleMarker" enabled="1" pass="0" locked="0"><Option type="Map"><Option name="color" type="QString" value="150,150,150,255"/><Option name="name" type="QString" value="circle"/><Option name="size" type="QString" value="3.2"/><Option name="outline_color" type="QString" value="255,255,255,255"/><Option name="outline_width" type="QString" value="0.4"/></Option></layer></symbol>
    </symbols>
  </renderer-v2>
  <labeling type="simple">
    <settings calloutType="simple">
      <text-style fieldName="&quot;name&quot;" isExpression="1" fontSize="8" textColor="20,20,20,255" fontFamily="DejaVu Sans" namedStyle="Regular"/>
      <text-buffer bufferDraw="1" bufferSize="1" bufferSizeUnits="MM" bufferColor="255,255,255,255" bufferOpacity="0.9"/>
      <placement placement="0" dist="1.5" priority="7"/>
      <rendering displayAll="0" obstacle="1" obstacleFactor="1" upsidedownLabels="0"/>
    </settings>
  </labeling>
  <layerGeometryType>0</layerGeometryType>
</qgis>
